//! The legal windows of the community preferences on a timeline (from the parameter series
//! `national.community.preferences_in_force`).

use super::use_app;
use crate::num::fixed;
use chrono::{Datelike, NaiveDate};
use yew::prelude::*;

/// Properties of [`Timeline`].
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    /// The date marked on the line.
    pub date: Option<NaiveDate>,
}

const FIRST: i32 = 2018;
const LAST: i32 = 2030;

fn x_of(d: NaiveDate) -> f64 {
    let year = f64::from(d.year() - FIRST);
    let frac = f64::from(d.ordinal0()) / 365.25;
    40.0 + (year + frac) / f64::from(LAST - FIRST) * 520.0
}

/// The timeline.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let state = use_app();
    let lang = state.lang;
    let series = calc_core::params::all_series()
        .iter()
        .find(|s| s.id == calc_core::params::ParamId::CommunityInForce);
    let windows: Vec<(NaiveDate, Option<NaiveDate>, String)> = series
        .map(|s| {
            s.entries
                .iter()
                .map(|e| (e.valid_from, e.valid_to, e.citation.document.clone()))
                .collect()
        })
        .unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(LAST, 1, 1);
    html! {
        <figure class="timeline">
            <figcaption>{ lang.t("优惠执行期", "When the preferences are in force") }</figcaption>
            <svg viewBox="0 0 600 120" role="img" id="windows-timeline"
                aria-label={windows.iter().map(|(f, t, _)| format!("{f} – {}", t.map(|t| t.to_string()).unwrap_or_default())).collect::<Vec<_>>().join("; ")}>
                <line x1="40" y1="70" x2="560" y2="70" class="axis" />
                { for (FIRST..=LAST).map(|y| {
                    let x = NaiveDate::from_ymd_opt(y, 1, 1).map_or(0.0, x_of);
                    html! { <g><line x1={fixed(x, 1)} y1="66" x2={fixed(x, 1)} y2="74" class="tick" />
                        <text x={fixed(x, 1)} y="90" text-anchor="middle" class="tick-label">{ y.to_string() }</text></g> }
                }) }
                { for windows.iter().enumerate().map(|(i, (from, to, doc))| {
                    let x1 = x_of(*from);
                    let x2 = to.or(end).map_or(560.0, x_of);
                    let label = if i == 0 { lang.t("2019年第76号公告", "Notice 2019 No.76") } else { lang.t("2026年第7号公告", "Notice 2026 No.7") };
                    html! {
                        <g class={format!("window w{i}")} data-from={from.to_string()} data-to={to.map(|t| t.to_string()).unwrap_or_default()}>
                            <title>{ doc.clone() }</title>
                            <rect x={fixed(x1, 1)} y="44" width={fixed((x2 - x1).max(1.0), 1)} height="20" rx="4" />
                            <text x={fixed((x1 + x2) / 2.0, 1)} y="36" text-anchor="middle" class="window-label">{ label }</text>
                            <text x={fixed(x1, 1)} y="108" class="date-label">{ from.to_string() }</text>
                        </g>
                    }
                }) }
                if let Some(d) = props.date {
                    if d.year() >= FIRST && d.year() < LAST {
                        <g class="marker"><line x1={fixed(x_of(d), 1)} y1="30" x2={fixed(x_of(d), 1)} y2="76" />
                            <circle cx={fixed(x_of(d), 1)} cy="70" r="4" /></g>
                    }
                }
            </svg>
        </figure>
    }
}
