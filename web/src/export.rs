//! Exports: the statement as CSV (the JSON exports are calc-core's own serialisation).

use crate::i18n::Lang;
use calc_core::Statement;

fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The statement as CSV in the page's language (headers, statuses, beneficiaries; the line id
/// stays as it is for machines): one row per line, then the two totals.
#[must_use]
pub fn statement_csv(st: &Statement, lang: Lang) -> String {
    let mut out = String::from(lang.t(
        "编号,项目,状态,金额（元）,计算基数（元）,受益方\r\n",
        "id,line,status,amount (yuan),base (yuan),beneficiary\r\n",
    ));
    let (fac, land) = (lang.t("机构", "facility"), lang.t("出租方", "landlord"));
    for l in &st.lines {
        let label = lang.t(&l.label_zh, &l.label_en);
        let base = l.base.map(|b| b.to_string()).unwrap_or_default();
        let ben = match l.beneficiary {
            calc_core::statement::Beneficiary::Facility => fac,
            calc_core::statement::Beneficiary::Landlord => land,
            // A statement of a later version: the name it wrote.
            other => other.as_str(),
        };
        out.push_str(&format!(
            "{},{},{},{},{},{}\r\n",
            cell(l.id.as_str()),
            cell(label),
            crate::components::line_row::status_text(l.status, lang),
            l.amount,
            base,
            ben
        ));
    }
    out.push_str(&format!(
        "total,{},,{},,{fac}\r\n",
        cell(lang.t("合计（机构）", "Total (facility)")),
        st.total
    ));
    out.push_str(&format!(
        "total_landlord,{},,{},,{land}\r\n",
        cell(lang.t("合计（出租方）", "Total (landlord)")),
        st.total_landlord
    ));
    out
}
