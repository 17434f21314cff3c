//! `tuoyu explain LINE_ID`: what a line computes, its article and formula.
//!
//! This is documentation, not computation: the text is taken from the doc comments of
//! calc-core's line modules (which quote the articles) and from SPEC §4. Labels come from
//! calc-core's [`calc_core::LineId`].

use calc_core::LineId;

/// The documentation of one line.
#[derive(Debug, Clone, Copy)]
pub struct LineDoc {
    /// The line's id.
    pub id: &'static str,
    /// The article (document and article number).
    pub article: &'static str,
    /// The article's words (zh).
    pub quote: &'static str,
    /// What the line computes, in Chinese.
    pub zh: &'static str,
    /// What the line computes, in English.
    pub en: &'static str,
    /// The formula.
    pub formula: &'static str,
}

/// The community windows, from calc-core's `national.community.preferences_in_force` series
/// (document and window of each entry), so the dates are never written twice.
fn community_windows() -> String {
    calc_core::params::all_series()
        .iter()
        .find(|s| s.id.as_str() == "national.community.preferences_in_force")
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

/// Every line, in statement order.
pub const LINES: &[LineDoc] = &[
    LineDoc {
        id: "vat_exemption",
        article: "一（一） / art.1(1)",
        quote: "提供社区养老、托育、家政服务取得的收入，免征增值税。",
        zh: "按未免税时应缴的增值税计算免税额；base = R（免税销售额）",
        en: "The VAT that would be payable on the eligible revenue R without the exemption; base = R (exempt sales).",
        formula: "general: max(0, R × r / (1 + r) − input × eligible months / 12), r = national.vat.general_rate\nsmall scale, per eligible month: sales = (childcare + other) / (1 + c); under the monthly threshold → 0, else childcare × c / (1 + c)",
    },
    LineDoc {
        id: "vat_surcharges",
        article: "《城市维护建设税法》第二条；教育费附加、地方教育附加 / City Maintenance Tax Law art.2",
        quote: "城市维护建设税以纳税人依法实际缴纳的增值税、消费税税额为计税依据。",
        zh: "随免征增值税一并免除的附加税费；base = 增值税（未舍入）",
        en: "The surcharges that would ride on the exempted VAT; base = the VAT (exact).",
        formula: "VAT × (national.surcharge.city_rate.<urban|town|other> + national.surcharge.education_rate + national.surcharge.local_education_rate) × (1 − yunnan.small_scale_reduction / yunnan.slpe_reduction for a small taxpayer)",
    },
    LineDoc {
        id: "cit_income_reduction",
        article: "一（二） / art.1(2)",
        quote: "提供社区养老、托育、家政服务取得的收入，在计算应纳税所得额时，减按90%计入收入总额。",
        zh: "收入减按90%计入收入总额；base = 减计收入 = R × 10%（申报核对的是 base，不是节税额）",
        en: "Revenue counted at 90%; base = the reduction = 10% of R (claims are checked against the base, not the tax saved).",
        formula: "base = R × (1 − national.community.income_inclusion_ratio); saving = tax(TI) − tax(TI − base); tax(x) = 0 for x ≤ 0; small low-profit and x ≤ national.cit.slpe_income_cap: national.cit.slpe_schedule; else national.cit.rate × x (the cliff at the cap is real)",
    },
    LineDoc {
        id: "property_tax",
        article: "二 / art.2",
        quote: "为社区提供养老、托育、家政等服务的机构自有或其通过承租、无偿使用等方式取得并用于提供社区养老、托育、家政服务的房产、土地，免征房产税、城镇土地使用税。",
        zh: "自有、无偿使用房产的房产税（从价计征）",
        en: "Property tax on owned and free-use buildings (on the residual value).",
        formula: "Σ original value × (1 − yunnan.property_tax.deduction_ratio) × national.property_tax.residual_rate × months / 12 × (1 − yunnan.small_scale_reduction / yunnan.slpe_reduction for a small taxpayer)",
    },
    LineDoc {
        id: "property_tax_leased",
        article: "二 / art.2",
        quote: "……通过承租……取得并用于提供社区养老、托育、家政服务的房产……免征房产税。",
        zh: "承租房产的房产税（出租方为纳税人，受益人为出租方；不减半）",
        en: "Property tax on leased buildings (the landlord is the taxpayer and saves it; never halved).",
        formula: "Σ annual rent × national.property_tax.rent_rate × months / 12",
    },
    LineDoc {
        id: "land_use_tax",
        article: "二 / art.2",
        quote: "……用于提供社区养老、托育、家政服务的……土地，免征……城镇土地使用税。",
        zh: "自有、无偿使用土地的城镇土地使用税",
        en: "Urban land use tax on owned and free-use land.",
        formula: "Σ area m² × tax per m² × months / 12 × (1 − yunnan.small_scale_reduction / yunnan.slpe_reduction for a small taxpayer); tax per m² checked against national.land_use_tax.large_city_band",
    },
    LineDoc {
        id: "land_use_tax_leased",
        article: "二 / art.2",
        quote: "……通过承租……取得……的……土地，免征……城镇土地使用税。",
        zh: "承租土地的城镇土地使用税（出租方受益；不减半）",
        en: "Urban land use tax on leased land (saved by the landlord; never halved).",
        formula: "Σ area m² × tax per m² × months / 12",
    },
    LineDoc {
        id: "deed_tax",
        article: "一（三） / art.1(3)",
        quote: "承受房屋、土地用于提供社区养老、托育、家政服务的，免征契税。",
        zh: "承受房屋、土地的契税；base = 计入的成交价合计",
        en: "Deed tax on houses and land acquired for community childcare; base = the counted prices.",
        formula: "Σ price × yunnan.deed_tax.rate, for acquisitions dated in the year and in a window",
    },
    LineDoc {
        id: "registration_fee",
        article: "一（四） / art.1(4)",
        quote: "用于提供社区养老、托育、家政服务的房产、土地，免征不动产登记费……",
        zh: "不动产登记费",
        en: "Real estate registration fee.",
        formula: "registrations × national.fees.registration.non_residential + residential registrations × national.fees.registration.residential",
    },
    LineDoc {
        id: "farmland_reclamation_fee",
        article: "一（四） / art.1(4)",
        quote: "……免征……耕地开垦费……",
        zh: "耕地开垦费",
        en: "Farmland reclamation fee.",
        formula: "area m² × rate per m²",
    },
    LineDoc {
        id: "land_reclamation_fee",
        article: "一（四） / art.1(4)",
        quote: "……免征……土地复垦费……",
        zh: "土地复垦费",
        en: "Land reclamation fee.",
        formula: "the amount due",
    },
    LineDoc {
        id: "land_idle_fee",
        article: "一（四） / art.1(4)",
        quote: "……免征……土地闲置费。",
        zh: "土地闲置费（闲置满一年时）",
        en: "Land idle fee (when idle over one year).",
        formula: "land price × national.fees.land_idle_ratio",
    },
    LineDoc {
        id: "infrastructure_fee",
        article: "一（四） / art.1(4)",
        quote: "用于提供社区养老、托育、家政服务的建设项目，免征城市基础设施配套费。",
        zh: "城市基础设施配套费",
        en: "Urban infrastructure fee.",
        formula: "floor area m² × rate per m²",
    },
    LineDoc {
        id: "air_defence_fee",
        article: "一（四） / art.1(4)",
        quote: "确因地质条件等原因无法修建防空地下室的，免征防空地下室易地建设费。",
        zh: "防空地下室易地建设费（仅当地质条件无法修建时）",
        en: "Civil air defence off-site construction fee (only where geology prevents the basement).",
        formula: "basement area m² × rate per m²",
    },
    LineDoc {
        id: "utility_electricity",
        article: "晋宁区实施方案（征求意见稿）五（三） / district plan §5(3)",
        quote: "婴幼儿照护服务机构用电按照居民合表用户电价执行……",
        zh: "用电按居民合表电价（条件：已备案；无期限）",
        en: "Electricity at the residential combined-meter price (condition: filed; no window).",
        formula: "kWh × (commercial price − household price)",
    },
    LineDoc {
        id: "utility_gas",
        article: "晋宁区实施方案（征求意见稿）五（三） / district plan §5(3)",
        quote: "……用气按照各地居民阶梯气价的第一档价格标准执行……",
        zh: "用气按居民第一档气价",
        en: "Gas at the first tier of the residential ladder.",
        formula: "m³ × (commercial price − household price)",
    },
    LineDoc {
        id: "utility_water",
        article: "晋宁区实施方案（征求意见稿）五（三） / district plan §5(3)",
        quote: "……用水依定价权限按照居民生活用水价格执行……",
        zh: "用水按居民生活用水价格",
        en: "Water at the household price.",
        formula: "tonnes × (commercial price − household price)",
    },
    LineDoc {
        id: "utility_broadband",
        article: "晋宁区实施方案（征求意见稿）五（三） / district plan §5(3)",
        quote: "……使用宽带互联网费用按照家庭住宅价格执行。",
        zh: "宽带按家庭住宅价格",
        en: "Broadband at the household price.",
        formula: "months (default 12) × (commercial monthly fee − household monthly fee)",
    },
];

/// The documentation of a line id.
#[must_use]
pub fn find(id: &str) -> Option<&'static LineDoc> {
    LINES.iter().find(|l| l.id == id)
}

/// The explanation as text, in `zh` or `en` (the article is quoted in Chinese either way).
#[must_use]
pub fn text(id: &str, zh: bool, date: chrono::NaiveDate) -> Option<String> {
    let d = find(id)?;
    let line = LineId::from_id(id)?;
    let community = !id.starts_with("utility_") && id != "vat_surcharges";
    let mut t = String::new();
    if zh {
        t.push_str(&format!("{} — {}\n", d.id, line.label_zh()));
        t.push_str(&format!("条文：{}\n", d.article));
        if community {
            t.push_str(&format!("文件：{}\n", community_windows()));
        }
        t.push_str(&format!("  「{}」\n", d.quote));
        t.push_str(&format!("计算：{}\n", d.zh));
        t.push_str(&format!("公式：\n  {}\n", d.formula.replace('\n', "\n  ")));
    } else {
        t.push_str(&format!("{} — {}\n", d.id, line.label_en()));
        t.push_str(&format!("Article: {}\n", d.article));
        if community {
            t.push_str(&format!("Documents: {}\n", community_windows()));
        }
        t.push_str(&format!("  \"{}\"\n", d.quote));
        t.push_str(&format!("Computes: {}\n", d.en));
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
    let d = find(id)?;
    let line = LineId::from_id(id)?;
    Some(serde_json::json!({
        "id": d.id, "label_zh": line.label_zh(), "label_en": line.label_en(),
        "article": d.article, "quote_zh": d.quote, "zh": d.zh, "en": d.en, "formula": d.formula,
        "parameters": parameters_in(d.formula, date), "date": date,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_calc_core_is_documented_in_order() {
        let ids: Vec<&str> = LineId::ALL.iter().map(|l| l.as_str()).collect();
        let docs: Vec<&str> = LINES.iter().map(|l| l.id).collect();
        assert_eq!(ids, docs);
    }
}
