//! An SVG line chart with marked x positions.

use crate::num::{fixed, plain};
use yew::prelude::*;

/// A vertical mark on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Where.
    pub x: f64,
    /// Label.
    pub label: String,
    /// Drawn strong (a detected break) or dashed (a known threshold).
    pub strong: bool,
}

/// Properties of [`LineChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct LineChartProps {
    /// Element id.
    pub id: AttrValue,
    /// Points, x ascending.
    pub points: Vec<(f64, f64)>,
    /// Marks.
    pub marks: Vec<Mark>,
    /// The x of the case on the estimate page.
    pub current: Option<f64>,
    /// Title.
    pub title: String,
    /// x axis label.
    pub x_label: String,
    /// y axis label.
    pub y_label: String,
    /// Shown instead of a flat line at zero.
    pub empty: String,
}

fn wan(v: f64) -> String {
    let w = v / 10_000.0;
    if w.abs() >= 100.0 || w.fract().abs() < 1e-9 {
        fixed(w, 0)
    } else {
        fixed(w, 1)
    }
}

/// The y of the polyline through `points` (x ascending) at `x`, if a point lies on each side.
fn on_curve(points: &[(f64, f64)], x: f64) -> Option<f64> {
    let i = points.iter().position(|p| p.0 >= x)?;
    let (x1, y1) = points[i];
    let (x0, y0) = if x1 > x {
        *points.get(i.checked_sub(1)?)?
    } else {
        (x1, y1)
    };
    Some(if x1 > x0 {
        y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    } else {
        y1
    })
}

/// The chart.
#[function_component(LineChart)]
pub fn line_chart(props: &LineChartProps) -> Html {
    // 600 × 300, margins left 56, right 16, top 16, bottom 48: the plot spans x 56–584 and
    // y 16–252 (the fixed coordinates below).
    let (w, h) = (600.0, 300.0);
    let (l, r, t, b) = (56.0, 16.0, 16.0, 48.0);
    let xmax = super::sweep::nice_max(props.points.iter().map(|p| p.0).fold(1.0, f64::max));
    let ymax = super::sweep::nice_max(
        props
            .points
            .iter()
            .map(|p| p.1)
            .fold(0.0, f64::max)
            .max(1.0),
    );
    let sx = |x: f64| l + x / xmax * (w - l - r);
    let sy = |y: f64| h - b - y / ymax * (h - t - b);
    if props.points.iter().all(|p| p.1 == 0.0) {
        return html! {
            <figure class="chart line-chart">
                <figcaption>{ &props.title }</figcaption>
                <p class="note" id={props.id.clone()} data-points={props.points.len().to_string()} data-marks="0">
                    { props.empty.clone() }
                </p>
            </figure>
        };
    }
    let path: String = props
        .points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| {
            format!(
                "{}{},{}",
                if i == 0 { "M" } else { "L" },
                fixed(sx(*x), 1),
                fixed(sy(*y), 1)
            )
        })
        .collect();
    html! {
        <figure class="chart line-chart">
            <figcaption>{ &props.title }</figcaption>
            <svg id={props.id.clone()} viewBox="0 0 600 300" role="img" aria-label={props.title.clone()}
                data-points={props.points.len().to_string()} data-marks={props.marks.iter().filter(|m| m.strong).count().to_string()}>
                { for (0..=4).map(|i| {
                    let yv = ymax * f64::from(i) / 4.0;
                    let xv = xmax * f64::from(i) / 4.0;
                    html! { <g>
                        <line x1="56" x2="584" y1={fixed(sy(yv), 1)} y2={fixed(sy(yv), 1)} class="grid-line" />
                        <text x="50" y={fixed(sy(yv) + 4.0, 1)} text-anchor="end" class="tick-label">{ wan(yv) }</text>
                        <text x={fixed(sx(xv), 1)} y="268" text-anchor="middle" class="tick-label">{ wan(xv) }</text>
                    </g> }
                }) }
                <text x="320" y="292" text-anchor="middle" class="axis-label">{ &props.x_label }</text>
                <text x="12" y="20" class="axis-label y-label" transform="rotate(90 12 20)">{ &props.y_label }</text>
                { for props.marks.iter().filter(|m| m.x <= xmax).enumerate().map(|(i, m)| html! {
                    <g class={classes!("mark", m.strong.then_some("strong"))} data-x={plain(m.x)}>
                        <line x1={fixed(sx(m.x), 1)} x2={fixed(sx(m.x), 1)} y1="16" y2="252" />
                        if !m.label.is_empty() {
                            <text x={fixed(sx(m.x) - 4.0, 1)} y={if i % 2 == 0 { "28" } else { "42" }} text-anchor="end" class="mark-label">{ &m.label }</text>
                        }
                    </g>
                }) }
                <path d={path} class="curve" />
                if let Some(c) = props.current.filter(|c| *c <= xmax) {
                    <g class="current"><line x1={fixed(sx(c), 1)} x2={fixed(sx(c), 1)} y1="252" y2="244" />
                        // On the curve as drawn (between the samples beside it); on the axis
                        // only where the curve has no point on both sides.
                        <circle cx={fixed(sx(c), 1)} cy={fixed(on_curve(&props.points, c).map_or(252.0, sy), 1)} r="4" /></g>
                }
            </svg>
        </figure>
    }
}
