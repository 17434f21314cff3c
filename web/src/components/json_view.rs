//! Renders a result section of the statement (`fee_benchmark`, `capacity`) from its JSON, so
//! the page shows whatever calc-core returns: scalars as a list, objects of objects as a table,
//! `{zh, en}` texts in the chosen language, parameters with their confidence.

use crate::i18n::{group_digits, Lang};
use serde_json::Value;
use yew::prelude::*;

/// A known key in words.
#[must_use]
pub fn key_label(key: &str, lang: Lang) -> String {
    let (zh, en) = match key {
        "method" => ("定价方法", "Method"),
        "non_profit" => ("非营利性", "Non-profit"),
        "full_day_monthly" => ("全日托月收费基准", "Full-day monthly benchmark"),
        "modes" => ("各服务方式基准", "Benchmark by mode"),
        "checks" => ("拟收费检查", "Proposed fees checked"),
        "full_day" => ("全日托", "Full day"),
        "half_day" => ("半日托", "Half day"),
        "hourly" => ("计时托", "Hourly"),
        "temporary" => ("临时托", "Temporary"),
        "proposed" => ("拟收费", "Proposed"),
        "benchmark" => ("基准", "Benchmark"),
        "result" => ("结论", "Result"),
        "excess" => ("超出金额", "Excess"),
        "excess_pct" => ("超出比例%", "Excess %"),
        "places_needed" => ("应配置托位", "Places needed"),
        "existing_places" => ("现有托位", "Existing places"),
        "shortfall" => ("托位缺口", "Shortfall"),
        "k" => ("每千人托位数", "Places per 1,000"),
        "infant" => ("乳儿班", "Infants"),
        "young_toddler" => ("托小班", "Young toddlers"),
        "older_toddler" => ("托大班", "Older toddlers"),
        "mixed" => ("混合班", "Mixed"),
        "children" => ("幼儿数", "Children"),
        "classes" => ("班数", "Classes"),
        "class_sizes" => ("各班人数", "Class sizes"),
        "max_class_size" => ("班额上限", "Max class size"),
        "carer_ratio" => ("保育比", "Carer ratio"),
        "carers" => ("保育人员", "Carers"),
        "totals" => ("合计", "Totals"),
        "health_worker_required" => ("须配专职卫生保健人员", "Full-time health worker required"),
        "within" => ("未超出", "within"),
        "cap" => ("扣除限额", "Cap"),
        "deductible" => ("可扣除捐赠", "Deductible"),
        "cap_binding" => ("受限额约束", "Cap binding"),
        "tax_saved" => ("节税金额", "Tax saved"),
        "days_per_month" => ("每月天数", "Days per month"),
        "full_day_hours" => ("全日托小时数", "Full-day hours"),
        "half_day_hours" => ("半日托小时数", "Half-day hours"),
        "bands" => ("分班测算", "By band"),
        "steps" => ("计算步骤", "Steps"),
        "area" => ("区域类型", "Area"),
        "population" => ("常住人口", "Population"),
        "health_worker_threshold" => (
            "专职卫生保健人员配置门槛（人）",
            "Health worker from (children)",
        ),
        "new" => ("新建城区", "new area"),
        "old" => ("老城区", "old area"),
        "notes" => ("说明", "Notes"),
        "warnings" => ("提示", "Warnings"),
        "basis" => ("政策依据", "Legal basis"),
        "document" => ("文件", "Document"),
        "article" => ("条款", "Article"),
        "reference" => ("参照公办园收费标准", "Public kindergarten reference"),
        "cost" => ("成本核算", "Cost based"),
        "used" => ("本年使用", "Used this year"),
        "remaining" => ("结转余额", "Carried forward"),
        "expired" => ("过期未用", "Expired"),
        "year" => ("年度", "Year"),
        "amount" => ("金额", "Amount"),
        "last_usable_year" => ("最后可用年度", "Last usable year"),
        "above" => ("超出基准", "above"),
        "information_only" => ("仅供参考", "information only"),
        _ => return key.to_string(),
    };
    lang.t(zh, en).to_string()
}

/// Keys shown first, in this order; the others follow alphabetically.
const FIRST: &[&str] = &[
    "full_day_monthly",
    "places_needed",
    "existing_places",
    "shortfall",
    "k",
    "health_worker_required",
    "tax_saved",
    "deductible",
    "cap",
    "cap_binding",
    "method",
    "non_profit",
    "information_only",
    "proposed",
    "benchmark",
    "result",
    "excess",
    "excess_pct",
    "children",
    "classes",
    "class_sizes",
    "max_class_size",
    "carer_ratio",
    "carers",
    "year",
    "amount",
    "last_usable_year",
    "document",
    "article",
    "full_day",
    "half_day",
    "hourly",
    "temporary",
    "infant",
    "young_toddler",
    "older_toddler",
    "mixed",
];

fn rank(k: &str) -> usize {
    FIRST.iter().position(|f| *f == k).unwrap_or(FIRST.len())
}

/// The entries of an object in display order.
fn ordered(obj: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut v: Vec<(&String, &Value)> = obj.iter().collect();
    crate::num::sort_by(&mut v, |a, b| rank(a.0) < rank(b.0));
    v
}

fn text_of(v: &Value, lang: Lang) -> Option<String> {
    let o = v.as_object()?;
    let zh = o.get("zh")?.as_str()?;
    let en = o.get("en")?.as_str()?;
    Some(lang.t(zh, en).to_string())
}

/// A scalar for people.
#[must_use]
pub fn scalar(v: &Value, lang: Lang) -> String {
    match v {
        Value::String(s) => {
            let label = key_label(s, lang);
            if label != *s {
                label
            } else {
                group_digits(s)
            }
        }
        Value::Bool(b) => lang
            .t(if *b { "是" } else { "否" }, if *b { "yes" } else { "no" })
            .to_string(),
        Value::Null => "—".to_string(),
        // 60,000 residents; a year (2026) stays as written.
        Value::Number(n) => {
            let t = n.to_string();
            if t.len() > 4 {
                group_digits(&t)
            } else {
                t
            }
        }
        Value::Array(a) if a.iter().all(|x| !x.is_object() && !x.is_array()) => a
            .iter()
            .map(|x| scalar(x, lang))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn table(obj: &serde_json::Map<String, Value>, lang: Lang, key: &str) -> Html {
    let mut cols: Vec<String> = Vec::new();
    for v in obj.values() {
        if let Some(o) = v.as_object() {
            for k in o.keys() {
                if !cols.contains(k) {
                    cols.push(k.clone());
                }
            }
        }
    }
    crate::num::sort_by(&mut cols, |a, b| rank(a) < rank(b));
    html! {
        <div class="table-wrap"><table class="section-table" data-key={key.to_string()}>
            <thead><tr><th></th>{ for cols.iter().map(|c| html! { <th>{ key_label(c, lang) }</th> }) }</tr></thead>
            <tbody>{ for ordered(obj).into_iter().map(|(rk, rv)| html! {
                <tr data-row={rk.clone()}>
                    <th>{ key_label(rk, lang) }</th>
                    { for cols.iter().map(|c| {
                        let cell = rv.get(c).cloned().unwrap_or(Value::Null);
                        html! { <td data-col={c.clone()} data-value={cell.as_str().map(str::to_string).unwrap_or_else(|| cell.to_string())}>{ scalar(&cell, lang) }</td> }
                    }) }
                </tr>
            }) }</tbody>
        </table></div>
    }
}

/// A citation of the section's basis (`{document, article, title_en?, article_en?, url?}`) for
/// people: the title and article in `lang`, linked to the text where there is one.
fn cite_of(b: &Value, lang: Lang) -> Html {
    let s = |k: &str| b.get(k).and_then(Value::as_str);
    let text = format!(
        "{} {}",
        super::line_row::doc_title(s("document").unwrap_or(""), s("title_en"), lang),
        super::line_row::article_text(s("article").unwrap_or(""), s("article_en"), lang)
    );
    match s("url") {
        Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
            html! { <li><a href={u.to_string()}>{ text }</a></li> }
        }
        _ => html! { <li>{ text }</li> },
    }
}

/// Properties of [`JsonSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct JsonSectionProps {
    /// The section's JSON.
    pub value: Value,
    /// Language.
    pub lang: Lang,
}

/// A result section.
#[function_component(JsonSection)]
pub fn json_section(props: &JsonSectionProps) -> Html {
    let lang = props.lang;
    let Some(obj) = props.value.as_object() else {
        return html! {};
    };
    let scalars: Vec<(&String, &Value)> = ordered(obj)
        .into_iter()
        .filter(|(k, v)| {
            k.as_str() != "parameters"
                && (!v.is_object() && !v.is_array()
                    || v.as_array().is_some_and(|a| {
                        // No warnings is not a fact worth a box (no expired carry-forward is).
                        !(a.is_empty() && k.as_str() == "warnings")
                            && a.iter().all(|x| !x.is_object() && !x.is_array())
                    }))
        })
        .collect();
    html! {
        <div class="json-section">
            <dl class="facts">
                { for scalars.iter().map(|(k, v)| html! {
                    <div data-key={(*k).clone()} data-value={v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())}>
                        <dt>{ key_label(k, lang) }</dt><dd>{ scalar(v, lang) }</dd>
                    </div>
                }) }
            </dl>
            { for ordered(obj).into_iter().filter(|(k, _)| k.as_str() != "parameters").map(|(k, v)| match v {
                Value::Object(o) if o.values().all(Value::is_object) && !o.is_empty() => html! {
                    <><h3>{ key_label(k, lang) }</h3>{ table(o, lang, k) }</>
                },
                Value::Object(o) if !o.is_empty() => html! {
                    <><h3>{ key_label(k, lang) }</h3>
                    <dl class="facts" data-key={k.clone()}>{ for ordered(o).into_iter().map(|(k2, v2)| html! {
                        <div data-key={k2.clone()} data-value={v2.as_str().map(str::to_string).unwrap_or_else(|| v2.to_string())}><dt>{ key_label(k2, lang) }</dt><dd>{ scalar(v2, lang) }</dd></div>
                    }) }</dl></>
                },
                Value::Array(a) if a.iter().any(|x| text_of(x, lang).is_some()) => html! {
                    <><h3>{ key_label(k, lang) }</h3>
                    <ul class="texts" data-key={k.clone()}>{ for a.iter().map(|x| html! {
                        <li>{ text_of(x, lang).unwrap_or_else(|| scalar(x, lang)) }</li>
                    }) }</ul></>
                },
                // The legal basis as the lines give it: the document and article in the page's
                // language, linked to the text where there is one.
                Value::Array(a) if k.as_str() == "basis" && !a.is_empty() => html! {
                    <><h3>{ key_label(k, lang) }</h3>
                    <ul class="basis" data-key="basis">{ for a.iter().map(|b| cite_of(b, lang)) }</ul></>
                },
                Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_object) && k.as_str() != "warnings" => {
                    let mut rows = serde_json::Map::new();
                    for (i, x) in a.iter().enumerate() {
                        rows.insert((i + 1).to_string(), x.clone());
                    }
                    html! { <><h3>{ key_label(k, lang) }</h3>{ table(&rows, lang, k) }</> }
                }
                _ => html! {},
            }) }
            if let Some(Value::Array(ps)) = obj.get("parameters") {
                if !ps.is_empty() {
                    <h3>{ lang.t("所用参数", "Parameters used") }</h3>
                    <ul class="texts">{ for ps.iter().map(|p| {
                        let conf = p.get("confidence").and_then(Value::as_str).unwrap_or("");
                        let over = p.get("overridden").and_then(Value::as_bool).unwrap_or(false);
                        // The parameter by its label, its id as a tooltip (as the lines show it).
                        let id = p.get("id").and_then(Value::as_str).unwrap_or("");
                        let conf_text = calc_core::params::Confidence::from_name(conf)
                            .map_or(conf, |c| super::line_row::confidence_text(c, lang));
                        html! {
                            <li class={classes!((conf != "verified" || over).then_some("unverified"))} data-param={id.to_string()}>
                                <span title={id.to_string()}>{ super::line_row::param_label(id, lang).unwrap_or(id) }</span>{ lang.t("：", ": ") }
                                { p.get("value").map(|v| scalar(v, lang)).unwrap_or_default() }
                                if over { <span class="tag warn-tag">{ lang.t("已覆盖", "overridden") }</span> }
                                else if conf != "verified" { <span class="tag warn-tag">{ format!("⚠ {conf_text}") }</span> }
                            </li>
                        }
                    }) }</ul>
                }
            }
        </div>
    }
}
