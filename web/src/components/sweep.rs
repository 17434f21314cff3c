//! 情景分析: the total saving against childcare revenue, and the CIT saving against taxable
//! income, each point assessed by calc-core, with the points where a threshold or the
//! 3,000,000 cliff is crossed marked.

use super::line_chart::{LineChart, Mark};
use super::use_app;
use crate::num::{dec_to_f64 as to_f64, fixed};
use calc_core::money::Dec;
use calc_core::params::ParamId;
use calc_core::request::{Amount, IncomeTax, Revenue};
use calc_core::Request;
use rust_decimal::Decimal;
use yew::prelude::*;

/// Points per curve.
pub const POINTS: u32 = 61;

/// One curve: (x, y) points and the x values where the curve jumps or falls.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Curve {
    /// Points.
    pub points: Vec<(f64, f64)>,
    /// Where the curve jumps or falls (between two points: the later x).
    pub breaks: Vec<f64>,
}

/// A round step for an axis reaching `x` in four steps (1, 2, 2.5 or 5 × 10ⁿ).
#[must_use]
pub fn nice_step(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let raw = x / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= raw {
            return m * mag;
        }
    }
    10.0 * mag
}

/// A round upper end for an axis at least `x` (four round steps).
#[must_use]
pub fn nice_max(x: f64) -> f64 {
    nice_step(x) * 4.0
}

/// Where a sampled curve breaks: a fall, or a step steeper than three times each rising step
/// beside it (a threshold crossed), not a change of slope. Steepness is the slope (rise over run), so the
/// finer samples placed around a break compare fairly with the coarse ones beside them; and a
/// bend (flat, then rising) is not a break, since the step after it is as steep.
#[must_use]
pub fn breaks(points: &[(f64, f64)]) -> Vec<f64> {
    let ymax = points.iter().map(|p| p.1.abs()).fold(0.0, f64::max);
    let tiny = ymax * 0.002 + 0.01;
    let slope = |i: usize| -> f64 {
        let (a, b) = (points[i], points[i + 1]);
        if b.0 > a.0 {
            (b.1 - a.1) / (b.0 - a.0)
        } else {
            0.0
        }
    };
    let n = points.len().saturating_sub(1);
    let mut out = Vec::new();
    for i in 0..n {
        let dy = points[i + 1].1 - points[i].1;
        // The rises beside it (a fall next to a jump, as at the small low-profit cap, says
        // nothing about how steep the curve is there); none beside it: no jump.
        let mut beside = -1.0_f64;
        for j in [i.wrapping_sub(1), i + 1] {
            if j < n && slope(j) >= 0.0 {
                beside = beside.max(slope(j));
            }
        }
        let jump = i > 0 && dy > tiny && beside >= 0.0 && slope(i) > 3.0 * beside;
        if jump || dy < -tiny {
            out.push(points[i + 1].0);
        }
    }
    out
}

/// Samples `value(req)` with `set(req, x)` for x in 0..=max, then samples each interval where
/// the curve breaks twelve times more finely, so a threshold is placed within a twelfth of a step.
pub fn sample(
    base: &Request,
    max: f64,
    set: impl Fn(&mut Request, Decimal),
    value: impl Fn(&calc_core::Statement) -> Decimal,
) -> Curve {
    let at = |x: f64| -> Option<(f64, f64)> {
        let mut r = base.clone();
        set(&mut r, Decimal::from(x.round() as i64));
        calc_core::assess(&r)
            .ok()
            .map(|st| (x.round(), to_f64(value(&st))))
    };
    let step = max / f64::from(POINTS - 1);
    let mut points: Vec<(f64, f64)> = (0..POINTS)
        .filter_map(|i| at(step * f64::from(i)))
        .collect();
    for b in breaks(&points) {
        points.extend((1..12).filter_map(|k| at(b - step + step * f64::from(k) / 12.0)));
    }
    crate::num::sort_by(&mut points, |a, b| a.0.total_cmp(&b.0).is_lt());
    points.dedup_by(|a, b| a.0 == b.0);
    let breaks = breaks(&points);
    Curve { points, breaks }
}

fn revenue_now(r: &Request) -> f64 {
    match r.revenue.as_ref().and_then(|v| v.childcare.as_ref()) {
        Some(Amount::Annual(a)) => to_f64(*a),
        Some(Amount::Monthly(m)) => m.iter().map(|x| to_f64(*x)).sum(),
        None => 0.0,
    }
}

/// An amount of yuan as a chart's mark and legend write it: `300万元` in Chinese (when a whole
/// number of 万), `3,000,000` in English.
#[must_use]
pub fn yuan_text(d: Decimal, lang: crate::i18n::Lang) -> String {
    let wan = d
        .checked_div(Decimal::from(10_000))
        .map(|w| w.normalize())
        .filter(|w| w.scale() == 0 && lang == crate::i18n::Lang::Zh);
    match wan {
        Some(w) => format!("{w}万元"),
        None => crate::i18n::group_digits(&d.normalize().to_string()),
    }
}

/// The small low-profit income cap, whose crossing the CIT curve marks.
const CAP: ParamId = ParamId::CitSlpeIncomeCap;

/// The small-scale quarterly threshold (SPEC §12.1), whose crossing the revenue curve labels.
const QUARTERLY: ParamId = ParamId::VatSmallScaleThresholdQuarterly;

/// The scenario page.
#[function_component(Sweep)]
pub fn sweep() -> Html {
    let state = use_app();
    let lang = state.lang;
    let curves = use_memo(state.request.clone(), |req| {
        let r = Request::from_json(req).ok()?;
        let t0 = crate::platform::now();
        let rev = revenue_now(&r);
        let rev_max = nice_max((rev * 2.0).max(3_000_000.0));
        let total = sample(
            &r,
            rev_max,
            |q, x| {
                let mut v = q.revenue.clone().unwrap_or(Revenue {
                    childcare: None,
                    other: None,
                    input_vat_on_childcare: None,
                });
                v.childcare = Some(Amount::Annual(x));
                q.revenue = Some(v);
            },
            |st| st.total.0,
        );
        let ti = r
            .income_tax
            .as_ref()
            .and_then(|t| t.taxable_income)
            .map_or(0.0, |d| to_f64(d.0));
        // Wide enough to show the small low-profit cliff: a third beyond the cap (the one in
        // force at the year's end, or the nearest one for a year outside its windows).
        let cap =
            crate::form::param_decimal(CAP, chrono::NaiveDate::from_ymd_opt(r.year, 12, 31), true)
                .map_or(0.0, to_f64);
        let ti_max = nice_max((ti * 1.5).max(cap * 4.0 / 3.0));
        let cit = sample(
            &r,
            ti_max,
            |q, x| {
                q.income_tax = Some(IncomeTax {
                    taxable_income: Some(Dec(x)),
                })
            },
            |st| {
                st.line(calc_core::LineId::CitIncomeReduction)
                    .map_or(Decimal::ZERO, |l| l.amount.0)
            },
        );
        let compare = super::compare::cases(&r);
        Some((total, rev, cit, ti, crate::platform::now() - t0, compare))
    });
    let year_end =
        chrono::NaiveDate::from_ymd_opt(state.form.get("year").parse().unwrap_or(2026), 12, 31);
    let cap_dec = crate::form::param_decimal(CAP, year_end, false);
    let cap = cap_dec.map(to_f64);
    // The cap's text, from the parameter that places its mark ("300万元" / "3,000,000").
    let cap_text = cap_dec.map(|d| yuan_text(d, lang));
    let quarterly = (state.form.get("taxpayer.vat") == "small_scale"
        && state.form.get("taxpayer.vat_period") == "quarter")
        .then(|| crate::form::param_decimal(QUARTERLY, year_end, true))
        .flatten()
        .map(to_f64);
    let Some((total, rev, cit, ti, ms, compare)) = (*curves).clone() else {
        return html! {
            <section class="sweep">
                <h2>{ lang.t("情景分析", "Scenarios") }</h2>
                <p class="err" role="alert">{ lang.t("请先在“优惠测算”页修正输入错误。", "Fix the input on the Estimate page first.") }</p>
            </section>
        };
    };
    let strong = |x: &f64| Mark {
        x: *x,
        label: String::new(),
        strong: true,
    };
    let mut cit_marks: Vec<Mark> = cit.breaks.iter().map(strong).collect();
    if let (Some(c), Some(t)) = (cap, &cap_text) {
        cit_marks.push(Mark {
            x: c,
            label: t.clone(),
            strong: false,
        });
    }
    let mut rev_marks: Vec<Mark> = total.breaks.iter().map(strong).collect();
    // A quarterly filer: the break nearest four quarters at the threshold is labelled with the
    // parameter's threshold.
    if let Some(q) = quarterly.filter(|q| *q > 0.0) {
        let near = |m: &Mark| (m.x - 4.0 * q).abs();
        if let Some(m) = rev_marks
            .iter_mut()
            .filter(|m| near(m) < q)
            .min_by(|a, b| near(a).total_cmp(&near(b)))
        {
            m.label = if lang == crate::i18n::Lang::Zh {
                format!("季度销售额 {} 万元（按季起征点）", fixed(q / 10_000.0, 0))
            } else {
                format!(
                    "{} a quarter (quarterly threshold)",
                    crate::i18n::group_digits(&fixed(q, 0))
                )
            };
        }
    }
    let legend = |b: &[f64]| -> String {
        if b.is_empty() {
            return lang
                .t("曲线上没有突变点。", "No jump on this curve.")
                .to_string();
        }
        let xs: Vec<String> = b.iter().map(|x| fixed(x / 10_000.0, 0)).collect();
        format!(
            "{}{}{}",
            lang.t(
                "红线：优惠金额在约 ",
                "Red lines: the saving jumps or falls near "
            ),
            xs.join(lang.t("、", ", ")),
            lang.t(
                " 万元处突变（跨越起征点或临界点）。",
                " × 10,000 yuan (a threshold or cliff crossed)."
            )
        )
    };
    let rev_legend = legend(&total.breaks);
    let cit_legend = legend(&cit.breaks);
    html! {
        <section class="sweep" data-ms={fixed(ms, 1)}>
            <h2>{ lang.t("情景分析", "Scenarios") }</h2>
            <p class="hint">{ lang.t(
                "以“优惠测算”页的机构为基础，只改变一个数，每个点都由计算库重新测算。红线标出优惠金额突变之处（起征点、小型微利企业应纳税所得额上限等）。",
                "Based on the facility on the Estimate page, one figure varies; every point is assessed again by the library. Red lines mark where the saving jumps or falls (a threshold, the small low-profit taxable income cap).") }</p>
            <LineChart id="sweep-revenue" points={total.points.clone()} marks={rev_marks} current={Some(rev)}
                title={lang.t("优惠合计 随 托育服务收入 变化", "Total saving against childcare revenue").to_string()}
                x_label={lang.t("托育服务收入（万元）", "Childcare revenue (10,000 yuan)").to_string()}
                y_label={lang.t("优惠合计（万元）", "Total saving (10,000 yuan)").to_string()}
                empty={lang.t("在这一范围内没有优惠：请先在“优惠测算”页填写机构的收入等情况。", "No saving over this range: fill in the facility's revenue and the rest on the Estimate page first.").to_string()} />
            <p class="small legend" id="sweep-revenue-legend">{ rev_legend }</p>
            <LineChart id="sweep-cit" points={cit.points.clone()} marks={cit_marks} current={Some(ti)}
                title={lang.t("企业所得税优惠 随 应纳税所得额 变化", "CIT saving against taxable income").to_string()}
                x_label={lang.t("应纳税所得额（万元）", "Taxable income (10,000 yuan)").to_string()}
                y_label={lang.t("所得税优惠（万元）", "CIT saving (10,000 yuan)").to_string()}
                empty={lang.t("在这一范围内没有所得税优惠：请先填写托育服务收入，并选择是否为小型微利企业。", "No CIT saving over this range: fill in the childcare revenue first.").to_string()} />
            <p class="small legend" id="sweep-cit-legend">{ cit_legend }{" "}
                if let Some(t) = &cap_text {
                    { if lang == crate::i18n::Lang::En { format!("Dashed: taxable income of {t} (the small low-profit cap). ") } else { format!("虚线：应纳税所得额 {t}（小型微利企业上限）。") } }
                }
                { lang.t("黑点：当前填写的数值。", "Dot: the figure entered now.") }</p>
            <p class="small">{ format!("{} {} · {} ms", total.points.len() + cit.points.len(), lang.t("次测算", "assessments"), fixed(ms, 0)) }</p>
            { super::compare::year_compare(&compare, lang) }
        </section>
    }
}
