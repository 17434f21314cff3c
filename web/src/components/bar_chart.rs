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

/// The chart.
#[function_component(BarChart)]
pub fn bar_chart(props: &BarChartProps) -> Html {
    let max = props.bars.iter().map(|b| b.2).fold(0.0_f64, f64::max);
    let row = 30.0;
    let (label_w, bar_w, width) = (190.0, 250.0, 560.0);
    let height = row * props.bars.len() as f64 + 8.0;
    html! {
        <figure class="chart">
            <figcaption>{ &props.title }</figcaption>
            <svg id="bar-chart" viewBox={format!("0 0 {width} {height}")} role="img" aria-label={props.title.clone()}
                preserveAspectRatio="xMinYMin meet">
                { for props.bars.iter().enumerate().map(|(i, (label, text, x))| {
                    let y = i as f64 * row + 4.0;
                    let w = if max > 0.0 { (x / max * bar_w).max(2.0) } else { 0.0 };
                    html! {
                        <g class="bar">
                            <text x={(label_w - 8.0).to_string()} y={(y + 19.0).to_string()} text-anchor="end" class="bar-label">{ label }</text>
                            <rect x={label_w.to_string()} y={(y + 4.0).to_string()} width={format!("{w:.1}")} height="20" rx="3" />
                            <text x={format!("{:.1}", label_w + w + 6.0)} y={(y + 19.0).to_string()} class="bar-value">{ group_digits(text) }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
