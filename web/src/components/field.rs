//! One labelled input whose `name` is the request path it sets, with calc-core's error for that
//! path right under it.

use super::{use_app, Ctx};
use crate::form::{self, Kind};
use crate::i18n::Lang;
use crate::state::{Action, State};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`Field`]: everything it shows comes in by props, so a keystroke re-renders
/// only the fields whose text or error changed.
#[derive(Properties, PartialEq, Clone)]
pub struct FieldProps {
    /// The request path, e.g. `properties[0].original_value`.
    pub path: AttrValue,
    /// The text typed.
    pub value: AttrValue,
    /// calc-core's message for this field, if it names it.
    pub error: Option<AttrValue>,
    /// Language.
    pub lang: Lang,
    /// Where changes go.
    pub dispatch: UseReducerDispatcher<State>,
}

/// Properties of [`AmountField`].
#[derive(Properties, PartialEq, Clone)]
pub struct AmountProps {
    /// The request path of the amount, e.g. `revenue.childcare`.
    pub path: AttrValue,
}

/// A [`Field`] for `path` with its text and error from the state.
pub fn field_html(state: &Ctx, path: &str) -> Html {
    let kind = form::def(path).map_or(Kind::Text, |d| d.kind);
    let error = state.error().and_then(|e| {
        owns_error(path, kind, &e.path).then(|| AttrValue::from(field_message(e, state.lang)))
    });
    html! {
        <Field path={AttrValue::from(path.to_string())} value={AttrValue::from(state.form.get(path).to_string())}
            {error} lang={state.lang} dispatch={state.dispatcher()} />
    }
}

/// The element id of the input for a path.
#[must_use]
pub fn input_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            c
        } else {
            '-'
        });
    }
    id
}

/// An error's message without the path it starts with: what is shown under the field, whose
/// label is right above it.
#[must_use]
pub fn field_message(e: &calc_core::ErrorJson, lang: Lang) -> String {
    let msg = lang.t(&e.error_zh, &e.error_en);
    let sep = lang.t("：", ": ");
    msg.strip_prefix(e.path.as_str())
        .filter(|_| !e.path.is_empty())
        .and_then(|r| r.strip_prefix(sep))
        .unwrap_or(msg)
        .to_string()
}

/// An error's message for a person: the field's label, then what is wrong (calc-core's
/// [`calc_core::frontend::labels::error_text`]).
#[must_use]
pub fn labelled_message(e: &calc_core::ErrorJson, lang: Lang) -> String {
    calc_core::frontend::labels::error_text(&e.path, lang.t(&e.error_zh, &e.error_en), lang)
}

/// What a numeric field's text was read as, for the line under it (`= 1,200,000.00 元`); `None`
/// when the text is blank or cannot be read (its error shows instead).
#[must_use]
pub fn echo(def: &form::FieldDef, value: &str, lang: Lang) -> Option<String> {
    if !def.numeric() || value.trim().is_empty() || (def.kind == Kind::Int && def.unit.is_empty()) {
        return None;
    }
    let d = calc_core::frontend::input::parse_amount(value).ok()?;
    let money = def.unit.starts_with('元');
    let n = grouped(d, if money { 2 } else { 0 });
    let unit = def.unit(lang);
    Some(if unit.is_empty() {
        format!("= {n}")
    } else {
        format!("= {n} {unit}")
    })
}

/// `d` with thousands separators and at least `min_dp` decimals (`1200000` → `1,200,000.00`).
#[must_use]
pub fn grouped(d: rust_decimal::Decimal, min_dp: u32) -> String {
    let mut d = d.normalize();
    if d.scale() < min_dp {
        d.rescale(min_dp);
    }
    crate::i18n::group_digits(&d.to_string())
}

/// Whether an error at `err_path` belongs to the field at `path`.
#[must_use]
pub fn owns_error(path: &str, kind: Kind, err_path: &str) -> bool {
    if err_path == path {
        return true;
    }
    match kind {
        Kind::Modes | Kind::Json => err_path.starts_with(path),
        _ => false,
    }
}

/// A labelled input.
#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let path = props.path.to_string();
    let Some(def) = form::def(&path) else {
        return html! {};
    };
    let lang = props.lang;
    let error = props.error.as_ref().map(|e| e.to_string());
    let id = input_id(&path);
    let err_id = format!("{id}-err");
    let value = props.value.to_string();
    let invalid = error.as_ref().map(|_| "true");
    let described = error.as_ref().map(|_| err_id.clone());
    let set = {
        let s = props.dispatch.clone();
        let p = path.clone();
        move |v: String| s.dispatch(Action::Set(p.clone(), v))
    };
    let label = html! {
        <label for={id.clone()}>
            { def.label(lang) }
            if !def.unit.is_empty() { <span class="unit">{ def.unit(lang) }</span> }
        </label>
    };
    let err = html! {
        if let Some(msg) = error.clone() {
            <p class="err" id={err_id.clone()} role="alert">{ msg }</p>
        }
    };
    let control = match def.kind {
        Kind::Check | Kind::Flag => {
            let checked = value == "true";
            let flag = def.kind == Kind::Flag;
            let onchange = Callback::from(move |e: Event| {
                let el: HtmlInputElement = e.target_unchecked_into();
                // An optional flag unticked is left out of the request.
                let on = el.checked();
                set(if flag && !on {
                    String::new()
                } else {
                    on.to_string()
                });
            });
            return html! {
                <div class={classes!("field", "check", error.is_some().then_some("has-error"))}>
                    <input type="checkbox" id={id.clone()} name={path.clone()} value="true"
                        {checked} {onchange} aria-invalid={invalid} aria-describedby={described} />
                    { label }
                    { err }
                </div>
            };
        }
        Kind::Modes => {
            let chosen: Vec<String> = value
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            return html! {
                <fieldset class={classes!("field", "modes", error.is_some().then_some("has-error"))}
                    aria-describedby={described}>
                    <legend>{ def.label(lang) }</legend>
                    { for calc_core::frontend::labels::SERVICE_MODES.iter().map(|m| {
                        let on = chosen.iter().any(|c| c == m.value);
                        let mid = format!("{id}-{}", m.value);
                        let chosen = chosen.clone();
                        let set = set.clone();
                        let mv = m.value;
                        let onchange = Callback::from(move |e: Event| {
                            let el: HtmlInputElement = e.target_unchecked_into();
                            let next: Vec<&str> = calc_core::frontend::labels::SERVICE_MODES.iter()
                                .map(|o| o.value)
                                .filter(|v| if *v == mv { el.checked() } else { chosen.iter().any(|c| c == v) })
                                .collect();
                            set(next.join(","));
                        });
                        html! {
                            <span class="mode">
                                <input type="checkbox" id={mid.clone()} name={path.clone()} value={m.value}
                                    checked={on} {onchange} />
                                <label for={mid}>{ lang.t(m.zh, m.en) }</label>
                            </span>
                        }
                    }) }
                    { err }
                </fieldset>
            };
        }
        Kind::Choice(opts) => {
            let onchange = Callback::from(move |e: Event| {
                let el: HtmlSelectElement = e.target_unchecked_into();
                set(el.value());
            });
            let known = opts.iter().any(|o| o.value == value);
            // A blank option that stands for a default ("Monthly (default)") next to the explicit
            // option it names ("Monthly", kept for imported requests and CSV cells) is one entry:
            // the explicit option under the blank one's label, selected while the field is blank.
            // No one has to choose between two options that mean the same.
            let twin = opts.iter().find(|d| d.value.is_empty()).and_then(|d| {
                let en = d.en.strip_suffix(" (default)")?;
                let t = opts.iter().find(|o| !o.value.is_empty() && o.en == en)?;
                Some((d, t.value))
            });
            html! {
                <select id={id.clone()} name={path.clone()} {onchange}
                    aria-invalid={invalid} aria-describedby={described}>
                    { for opts.iter().filter(|o| !(o.value.is_empty() && twin.is_some())).map(|o| {
                        let (shown, selected) = match twin {
                            Some((d, v)) if o.value == v => (d, value.is_empty() || value == v),
                            _ => (o, o.value == value),
                        };
                        html! {
                            <option value={o.value} {selected}>{ form::option_label(shown, lang) }</option>
                        }
                    }) }
                    if !known {
                        <option value={value.clone()} selected=true>{ value.clone() }</option>
                    }
                </select>
            }
        }
        Kind::TriBool => {
            let onchange = Callback::from(move |e: Event| {
                let el: HtmlSelectElement = e.target_unchecked_into();
                set(el.value());
            });
            let opts = [
                ("", lang.t("— 未填 —", "— not given —")),
                ("true", lang.t("是", "Yes")),
                ("false", lang.t("否", "No")),
            ];
            let known = opts.iter().any(|(v, _)| *v == value);
            html! {
                <select id={id.clone()} name={path.clone()} {onchange}
                    aria-invalid={invalid} aria-describedby={described}>
                    { for opts.iter().map(|(v, l)| html! {
                        <option value={*v} selected={*v == value}>{ *l }</option>
                    }) }
                    if !known {
                        <option value={value.clone()} selected=true>{ value.clone() }</option>
                    }
                </select>
            }
        }
        Kind::Json => {
            let oninput = Callback::from(move |e: InputEvent| {
                let el: HtmlTextAreaElement = e.target_unchecked_into();
                set(el.value());
            });
            html! {
                <textarea id={id.clone()} name={path.clone()} rows="3" spellcheck="false"
                    placeholder="{\"yunnan.property_tax.deduction_ratio\": \"0.30\"}"
                    value={value.clone()} {oninput} aria-invalid={invalid} aria-describedby={described} />
            }
        }
        Kind::Date => {
            let oninput = Callback::from(move |e: InputEvent| {
                let el: HtmlInputElement = e.target_unchecked_into();
                set(el.value());
            });
            html! {
                <input type="date" id={id.clone()} name={path.clone()} value={value.clone()} {oninput}
                    aria-invalid={invalid} aria-describedby={described} />
            }
        }
        Kind::Text | Kind::Money | Kind::Amount | Kind::Int => {
            let oninput = Callback::from(move |e: InputEvent| {
                let el: HtmlInputElement = e.target_unchecked_into();
                set(el.value());
            });
            let mode = match def.kind {
                Kind::Int => "numeric",
                Kind::Text => "text",
                _ => "decimal",
            };
            let echo_id = format!("{id}-echo");
            let echoed = echo(def, &value, lang);
            let described = described.or_else(|| echoed.as_ref().map(|_| echo_id.clone()));
            html! {
                <>
                    <input type="text" inputmode={mode} autocomplete="off" id={id.clone()} name={path.clone()}
                        value={value.clone()} {oninput} aria-invalid={invalid} aria-describedby={described} />
                    if let Some(t) = echoed.filter(|_| error.is_none()) {
                        <p class="echo" id={echo_id} data-echo={path.clone()}>{ t }</p>
                    }
                </>
            }
        }
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("has-error"))}>
            { label }
            { control }
            { err }
        </div>
    }
}

/// An amount: one annual figure, or twelve monthly ones behind a switch.
#[function_component(AmountField)]
pub fn amount_field(props: &AmountProps) -> Html {
    let state = use_app();
    let path = props.path.to_string();
    let lang: Lang = state.lang;
    let monthly = state.form.is_monthly(&path);
    let toggle = {
        let s = state.clone();
        let p = path.clone();
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            s.dispatch(Action::Monthly(p.clone(), el.checked()));
        })
    };
    let toggle_id = format!("{}-monthly", input_id(&path));
    let def = form::def(&path);
    let err = state
        .error()
        .filter(|e| e.path.starts_with(&format!("{path}[")))
        .cloned();
    let months = state.form.months(&path);
    let filled = months.iter().filter(|m| !m.trim().is_empty()).count();
    let sum = form::month_sum(months.iter().copied()).unwrap_or_default();
    let sum_text = grouped(sum, 2);
    html! {
        <div class="amount">
            if monthly {
                <fieldset class={classes!("field", "months", err.is_some().then_some("has-error"))}>
                    <legend>{ def.map(|d| d.label(lang)).unwrap_or_default() }
                        <span class="unit">{ lang.t("按月 元", "monthly, yuan") }</span></legend>
                    <div class="month-grid">
                        { for (0..12).map(|m| {
                            let mp = form::month_path(&path, m);
                            let mid = input_id(&mp);
                            let s = state.clone();
                            let p2 = mp.clone();
                            let oninput = Callback::from(move |e: InputEvent| {
                                let el: HtmlInputElement = e.target_unchecked_into();
                                s.dispatch(Action::Set(p2.clone(), el.value()));
                            });
                            let text = months[m];
                            // A blank month is missing while others are filled; a month that
                            // cannot be read is wrong.
                            let bad = err.as_ref().is_some_and(|e| e.path == mp)
                                || (err.is_some() && text.trim().is_empty() && filled > 0)
                                || (!text.trim().is_empty() && calc_core::frontend::input::parse_amount(text).is_err());
                            html! {
                                <span class={classes!("month", bad.then_some("has-error"))}>
                                    <label for={mid.clone()}>{ if lang == Lang::Zh { format!("{}月", m + 1) } else { MONTHS[m].to_string() } }</label>
                                    <input type="text" inputmode="decimal" autocomplete="off" id={mid} name={mp.clone()}
                                        value={text.to_string()} {oninput}
                                        aria-invalid={bad.then_some("true")} />
                                </span>
                            }
                        }) }
                    </div>
                    <p class="echo month-sum" id={format!("{}-sum", input_id(&path))} data-sum={sum.to_string()}>
                        { format!("{} = {} {}", lang.t("全年合计", "Year total"), sum_text, lang.t("元", "yuan")) }
                        { format!(" · {}", if lang == Lang::Zh { format!("已填 {filled}/12 个月") } else { format!("{filled} of 12 months filled in") }) }
                    </p>
                    <p class="hint">{ lang.t(
                        "全年金额已平均分到各月，零头计入12月。",
                        "The year was spread evenly; the remainder is in December.") }</p>
                    if let Some(e) = err {
                        <p class="err" role="alert">{ labelled_message(&e, lang) }</p>
                    }
                </fieldset>
            } else {
                { field_html(&state, &path) }
                // Months kept from monthly entry switched off: what the annual figure means.
                if filled > 0 {
                    <p class="note kept">{ lang.t(
                        "已按各月合计平均分摊；起征点按月判断，结果可能不同，再勾选可恢复各月。",
                        "Spread evenly from the months' sum: thresholds are judged by month, so the result may differ; tick again to restore them.") }</p>
                }
            }
            <div class="switch">
                <input type="checkbox" id={toggle_id.clone()} checked={monthly} onchange={toggle} />
                <label for={toggle_id}>{ lang.t("按月填写", "Enter by month") }</label>
            </div>
        </div>
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
