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

/// The statement as CSV: one row per line, then the two totals.
#[must_use]
pub fn statement_csv(st: &Statement, lang: Lang) -> String {
    let mut out = String::from("id,label,status,amount,base,beneficiary\r\n");
    for l in &st.lines {
        let label = lang.t(&l.label_zh, &l.label_en);
        let base = l.base.map(|b| b.to_string()).unwrap_or_default();
        let ben = match l.beneficiary {
            calc_core::statement::Beneficiary::Facility => "facility",
            calc_core::statement::Beneficiary::Landlord => "landlord",
        };
        out.push_str(&format!(
            "{},{},{},{},{},{}\r\n",
            cell(l.id.as_str()),
            cell(label),
            l.status.as_str(),
            l.amount,
            base,
            ben
        ));
    }
    out.push_str(&format!(
        "total,{},,{},,facility\r\n",
        cell(lang.t("合计（机构）", "Total (facility)")),
        st.total
    ));
    out.push_str(&format!(
        "total_landlord,{},,{},,landlord\r\n",
        cell(lang.t("合计（出租方）", "Total (landlord)")),
        st.total_landlord
    ));
    out
}
