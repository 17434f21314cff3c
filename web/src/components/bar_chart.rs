//! A horizontal SVG bar chart of savings by line.

use crate::i18n::group_digits;
use crate::num::fixed;
use yew::prelude::*;

/// Properties of [`BarChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct BarChartProps {
    /// (label, amount text, amount, the landlord's) per bar, in order. The landlord's bars are
    /// drawn in the landlord's colour: they are not part of the facility's total.
    pub bars: Vec<(String, String, f64, bool)>,
    /// Title (also the accessible name).
    pub title: String,
    /// A note under the chart (blank: none).
    #[prop_or_default]
    pub note: String,
}

/// The chart: each line's name above its bar, so the labels stay readable at phone width.
#[function_component(BarChart)]
pub fn bar_chart(props: &BarChartProps) -> Html {
    let max = props.bars.iter().map(|b| b.2).fold(0.0_f64, f64::max);
    let bar_w = 400.0 - 96.0;
    let height = 40 * props.bars.len() + 4;
    html! {
        <figure class="chart bar-chart">
            <figcaption>{ &props.title }</figcaption>
            <svg id="bar-chart" viewBox={format!("0 0 400 {height}")} role="img" aria-label={props.title.clone()}>
                { for props.bars.iter().enumerate().map(|(i, (label, text, x, landlord))| {
                    let y = i * 40;
                    let w = if max > 0.0 { (x / max * (bar_w - 8.0)).max(2.0) } else { 0.0 };
                    html! {
                        <g class={classes!("bar", landlord.then_some("landlord"))}>
                            <text x="0" y={(y + 14).to_string()} class="bar-label">{ label }</text>
                            <rect x="0" y={(y + 19).to_string()} width={fixed(w, 1)} height="14" rx="3" />
                            <text x={fixed(w + 6.0, 1)} y={(y + 31).to_string()} class="bar-value">{ group_digits(text) }</text>
                        </g>
                    }
                }) }
            </svg>
            if !props.note.is_empty() { <p class="hint chart-note">{ &props.note }</p> }
        </figure>
    }
}
