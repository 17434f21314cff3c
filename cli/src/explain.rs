//! `tuoyu explain LINE_ID`: what a line computes, its article and formula.
//!
//! This is documentation, not computation: the article, its words and the formula are
//! calc-core's, written once next to each rule ([`calc_core::LineId::doc`]); labels and the
//! community windows come from calc-core too.

use calc_core::frontend::Lang;
use calc_core::LineId;

/// The community windows, from calc-core's `national.community.preferences_in_force` series
/// (document and window of each entry), so the dates are never written twice.
fn community_windows() -> String {
    calc_core::params::all_series()
        .iter()
        .find(|s| s.id == calc_core::params::ParamId::CommunityInForce)
        .map(|s| {
            s.entries
                .iter()
                .map(|e| {
                    let to = e
                        .valid_to
                        .map_or_else(|| "…".to_string(), |d| d.to_string());
                    format!("{}（{}—{to}）", e.citation.document, e.valid_from)
                })
                .collect::<Vec<_>>()
                .join("；")
        })
        .unwrap_or_default()
}

/// The parameters a formula names, with their values in force on `date` (from calc-core).
fn parameters_in(formula: &str, date: chrono::NaiveDate) -> Vec<calc_core::params::InForce> {
    calc_core::params::in_force(date)
        .into_iter()
        .filter(|p| {
            let city = p.id.strip_prefix("national.surcharge.city_rate.").is_some()
                && formula.contains("national.surcharge.city_rate.");
            city || formula.contains(p.id.as_str())
        })
        .collect()
}

/// The explanation as text, in `lang` (the article is quoted in Chinese either way).
#[must_use]
pub fn text(id: &str, lang: Lang, date: chrono::NaiveDate) -> Option<String> {
    let zh = lang == Lang::Zh;
    let line = LineId::from_id(id)?;
    let d = line.doc();
    // The utility prices and the surcharges do not rest on the community windows.
    let community = !matches!(
        line,
        LineId::UtilityElectricity
            | LineId::UtilityGas
            | LineId::UtilityWater
            | LineId::UtilityBroadband
            | LineId::VatSurcharges
    );
    let mut t = String::new();
    if zh {
        t.push_str(&format!("{id} — {}\n", line.label_zh()));
        t.push_str(&format!("条文：{}\n", d.article));
        if community {
            t.push_str(&format!("文件：{}\n", community_windows()));
        }
        t.push_str(&format!("  「{}」\n", d.quote_zh));
        t.push_str(&format!("计算：{}\n", d.computes_zh));
        t.push_str(&format!("公式：\n  {}\n", d.formula.replace('\n', "\n  ")));
    } else {
        t.push_str(&format!("{id} — {}\n", line.label_en()));
        t.push_str(&format!("Article: {}\n", d.article));
        if community {
            t.push_str(&format!("Documents: {}\n", community_windows()));
        }
        t.push_str(&format!("  \"{}\"\n", d.quote_zh));
        t.push_str(&format!("Computes: {}\n", d.computes_en));
        t.push_str(&format!(
            "Formula:\n  {}\n",
            d.formula.replace('\n', "\n  ")
        ));
    }
    let params = parameters_in(d.formula, date);
    if !params.is_empty() {
        t.push_str(&if zh {
            format!("{date} 有效的参数：\n")
        } else {
            format!("Parameters in force on {date}:\n")
        });
        for p in params {
            let to = p
                .valid_to
                .map_or_else(|| "…".to_string(), |d| d.to_string());
            t.push_str(&format!(
                "  {} = {}  ({}—{to}, {}; {})\n",
                p.id,
                p.value,
                p.valid_from,
                p.confidence.as_str(),
                p.source.document
            ));
        }
    }
    Some(t)
}

/// The explanation as JSON.
#[must_use]
pub fn json(id: &str, date: chrono::NaiveDate) -> Option<serde_json::Value> {
    let line = LineId::from_id(id)?;
    let d = line.doc();
    Some(serde_json::json!({
        "id": line.as_str(), "label_zh": line.label_zh(), "label_en": line.label_en(),
        "article": d.article, "quote_zh": d.quote_zh, "zh": d.computes_zh, "en": d.computes_en, "formula": d.formula,
        "parameters": parameters_in(d.formula, date), "date": date,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_calc_core_is_explained() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        for l in LineId::ALL {
            let t = text(l.as_str(), Lang::En, date).expect("explained");
            assert!(t.contains(l.doc().quote_zh), "{l}");
        }
    }
}
