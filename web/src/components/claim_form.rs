//! Verifying one claim (tax staff): a facility's request (the calculator's, carried to the claim
//! desk by its link `desk.html#r=…`) plus the amounts it declared; calc-core gives a verdict per
//! item (SPEC §8). It lives on the desk's page, whose module has calc-core's verification anyway,
//! so the calculator page carries none of it.

use super::field::input_id;
use crate::form::Texts;
use crate::i18n::{group_digits, Lang};
use calc_core::verify::ClaimItem;
use calc_core::Verdict;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A verdict in words.
#[must_use]
pub fn verdict_text(v: Verdict, lang: Lang) -> &'static str {
    calc_core::frontend::labels::verdict_text(v, lang)
}

/// An error of the claim for a person: a field of the facility's request by its label on the
/// calculator (`request.revenue.childcare` → 社区托育服务收入（3周岁及以下）), and the "if
/// extended" scenario, which a claim cannot hold, by the switch that sets it.
#[must_use]
pub fn request_error(e: &calc_core::ErrorJson, lang: Lang) -> String {
    match e.path.strip_prefix("request.") {
        Some("scenario") => lang
            .t(
                "申报按已公布的规定核验，不能包含情景假设：请在优惠测算中关闭“若政策延续”。",
                "A claim is judged on the law as published: switch off “If the preferences are extended” in the calculator.",
            )
            .to_string(),
        Some(p) => calc_core::frontend::labels::error_text(
            p,
            super::field::field_message(e, lang).as_str(),
            lang,
        ),
        None => lang.t(&e.error_zh, &e.error_en).to_string(),
    }
}

/// The `tuoyu.claim.v1` JSON for a request and the claimed amounts.
#[must_use]
pub fn claim_json(request: &str, id: &str, claimed: &Texts) -> String {
    let req: serde_json::Value = serde_json::from_str(request).unwrap_or(serde_json::Value::Null);
    let mut c = serde_json::Map::new();
    for (k, v) in claimed {
        if !v.trim().is_empty() {
            // Read as people type amounts (1,200,000 · 120万); text that cannot be read goes as
            // typed, for calc-core to name in its error.
            let text = calc_core::frontend::input::parse_amount(v)
                .map_or_else(|_| v.trim().to_string(), |d| d.to_string());
            c.insert(k.clone(), serde_json::Value::String(text));
        }
    }
    let mut claim = serde_json::json!({ "schema": calc_core::verify::CLAIM_SCHEMA, "request": req, "claimed": c });
    if !id.trim().is_empty() {
        claim["id"] = serde_json::Value::String(id.trim().to_string());
    }
    claim.to_string()
}

/// The claim form.
/// Properties of [`ClaimForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct ClaimFormProps {
    /// The facility's request JSON (`tuoyu.request.v1`), as the calculator built it.
    pub request: AttrValue,
    /// Language.
    pub lang: Lang,
}

/// The form for one claim on the request of [`ClaimFormProps::request`], and its report.
#[function_component(ClaimForm)]
pub fn claim_form(props: &ClaimFormProps) -> Html {
    let lang = props.lang;
    let claimed = use_state(Texts::new);
    let id = use_state(String::new);
    let report = {
        let deps = (props.request.clone(), (*id).clone(), (*claimed).clone());
        use_memo(deps, |(req, id, claimed)| {
            calc_core::verify::verify_text(&claim_json(req, id, claimed))
        })
    };
    let fill = {
        let claimed = claimed.clone();
        let request = props.request.clone();
        Callback::from(move |_| {
            let Ok(st) =
                calc_core::Request::from_json(&request).and_then(|r| calc_core::assess(&r))
            else {
                return;
            };
            let mut m = Texts::new();
            for item in ClaimItem::ALL {
                let line = st.line(item.line());
                let v = if item.compares_base() {
                    line.and_then(|l| l.base).map(|b| b.to_string())
                } else {
                    line.map(|l| l.amount.to_string())
                };
                if let Some(v) = v {
                    m.insert(item.as_str().to_string(), v);
                }
            }
            claimed.set(m);
        })
    };
    let err = report.error.clone();
    // Nothing claimed yet: there is nothing to compare, so no verdict (not "相符").
    let nothing = claimed.values().all(|v| v.trim().is_empty());
    let req: serde_json::Value = serde_json::from_str(&props.request).unwrap_or_default();
    let facility = req["facility"]["name"].as_str().unwrap_or("—").to_string();
    let year = req["year"]
        .as_u64()
        .map_or_else(|| "—".to_string(), |y| y.to_string());
    html! {
        <section class="verify" aria-labelledby="verify-title">
            <h2 id="verify-title">{ lang.t("核验一笔申报", "Verify one claim") }</h2>
            <p class="hint">{ lang.t(
                "核验对象为“优惠测算”页填写的机构与年度（由链接带来）；在下方填写其申报的金额，逐项比对重新计算的结果（差额 ≤ 0.01 元为相符）。",
                "The claim is for the facility and year filled in on the calculator (carried by the link); enter the declared amounts to compare each with the recomputed figure (within 0.01 is a match).") }</p>
            <p class="small" id="claim-facility">{ format!("{}: {} · {}", lang.t("机构", "Facility"), facility, year) }
                {" · "}<a href={format!("./{}", crate::fragment::fragment_for(&props.request))}>{ lang.t("在优惠测算中修改", "change it in the calculator") }</a></p>
            <form class="claim grid" autocomplete="off" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field">
                    <label for="f-id">{ lang.t("申报编号", "Claim id") }</label>
                    <input type="text" id="f-id" name="id" value={(*id).clone()} oninput={
                        let id = id.clone();
                        Callback::from(move |e: InputEvent| { let el: HtmlInputElement = e.target_unchecked_into(); id.set(el.value()); })
                    } />
                </div>
                { for ClaimItem::ALL.iter().map(|item| {
                    let k = item.as_str();
                    let path = format!("claimed.{k}");
                    let fid = input_id(&path);
                    let bad = err.as_ref().filter(|e| e.path == path).map(|e| super::field::field_message(e, lang));
                    let claimed2 = claimed.clone();
                    let key = k.to_string();
                    let oninput = Callback::from(move |e: InputEvent| {
                        let el: HtmlInputElement = e.target_unchecked_into();
                        let mut m = (*claimed2).clone();
                        m.insert(key.clone(), el.value());
                        claimed2.set(m);
                    });
                    html! {
                        <div class={classes!("field", bad.is_some().then_some("has-error"))}>
                            <label for={fid.clone()}>{ calc_core::frontend::labels::claim_item_text(*item, lang) }<span class="unit">{"元"}</span></label>
                            <input type="text" inputmode="decimal" id={fid} name={path.clone()}
                                value={claimed.get(k).cloned().unwrap_or_default()} {oninput}
                                aria-invalid={bad.as_ref().map(|_| "true")} />
                            if let Some(m) = bad { <p class="err" role="alert">{ m }</p> }
                            else if let Some(d) = claimed.get(k).and_then(|v| calc_core::frontend::input::parse_amount(v).ok()) {
                                <p class="echo">{ format!("= {} {}", super::field::grouped(d, 2), lang.t("元", "yuan")) }</p>
                            }
                        </div>
                    }
                }) }
            </form>
            <button type="button" id="claim-fill" onclick={fill}>{ lang.t("按测算结果填入", "Fill in the recomputed figures") }</button>
            <div class="report" id="claim-report">
                <p>{ lang.t("总体结论：", "Overall: ") }
                    // Nothing claimed: calc-core's verdict stays in `data-verdict` for machines,
                    // the person reads that there is nothing to compare yet (not "相符").
                    <strong id="claim-verdict" class={classes!("verdict", (!nothing).then_some(report.verdict.as_str()))}
                        data-verdict={report.verdict.as_str()} data-empty={nothing.to_string()}>
                        if nothing && err.is_none() {
                            { lang.t("尚未填写申报金额", "no claimed amount entered yet") }
                        } else {
                            { verdict_text(report.verdict, lang) }
                        }
                    </strong></p>
                if let Some(e) = &err {
                    <p class="err" role="alert" data-path={e.path.clone()}>{ request_error(e, lang) }
                        if e.path.starts_with("request") {
                            {" "}<a href={format!("./{}", crate::fragment::fragment_for(&props.request))}>{ lang.t("在优惠测算中修改", "change it in the calculator") }</a>
                        }
                    </p>
                }
                if !report.items.is_empty() && !nothing {
                    <div class="table-wrap"><table class="items">
                        <thead><tr>
                            <th>{ lang.t("项目", "Item") }</th><th>{ lang.t("申报", "Claimed") }</th>
                            <th>{ lang.t("重新计算", "Recomputed") }</th><th>{ lang.t("差额", "Difference") }</th>
                            <th>{ lang.t("结论", "Verdict") }</th>
                        </tr></thead>
                        <tbody>{ for report.items.iter().map(|it| html! {
                            <tr data-item={it.item.as_str()} data-verdict={it.verdict.as_str()}>
                                <td>{ calc_core::frontend::labels::claim_item_text(it.item, lang) }</td>
                                <td class="num">{ group_digits(&it.claimed.to_string()) }</td>
                                <td class="num">{ group_digits(&it.recomputed.to_string()) }</td>
                                <td class="num">{ group_digits(&it.difference.to_string()) }</td>
                                <td><span class={classes!("verdict", it.verdict.as_str())}>{ verdict_text(it.verdict, lang) }</span>
                                    { for it.reasons.iter().map(|r| html! { <div class="small">{ lang.t(&r.zh, &r.en) }</div> }) }
                                </td>
                            </tr>
                        }) }</tbody>
                    </table></div>
                }
            </div>
        </section>
    }
}
