//! A horizontal SVG bar chart of savings by line.

use crate::i18n::group_digits;
use yew::prelude::*;

/// Properties of [`BarChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct BarChartProps {
    /// (label, amount text, amount) per bar, in order.
    pub bars: Vec<(String, String, f64)>,
    /// Title (also the accessible name).
    pub title: String,
}

/// The chart: each line's name above its bar, so the labels stay readable at phone width.
#[function_component(BarChart)]
pub fn bar_chart(props: &BarChartProps) -> Html {
    let max = props.bars.iter().map(|b| b.2).fold(0.0_f64, f64::max);
    let (row, width, value_w) = (40.0, 400.0, 96.0);
    let bar_w = width - value_w;
    let height = row * props.bars.len() as f64 + 4.0;
    html! {
        <figure class="chart bar-chart">
            <figcaption>{ &props.title }</figcaption>
            <svg id="bar-chart" viewBox={format!("0 0 {width} {height}")} role="img" aria-label={props.title.clone()}>
                { for props.bars.iter().enumerate().map(|(i, (label, text, x))| {
                    let y = i as f64 * row;
                    let w = if max > 0.0 { (x / max * (bar_w - 8.0)).max(2.0) } else { 0.0 };
                    html! {
                        <g class="bar">
                            <text x="0" y={(y + 14.0).to_string()} class="bar-label">{ label }</text>
                            <rect x="0" y={(y + 19.0).to_string()} width={format!("{w:.1}")} height="14" rx="3" />
                            <text x={format!("{:.1}", w + 6.0)} y={(y + 31.0).to_string()} class="bar-value">{ group_digits(text) }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
