//! An SVG line chart with marked x positions.

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
        format!("{w:.0}")
    } else {
        format!("{w:.1}")
    }
}

/// The chart.
#[function_component(LineChart)]
pub fn line_chart(props: &LineChartProps) -> Html {
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
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { "L" },
                sx(*x),
                sy(*y)
            )
        })
        .collect();
    html! {
        <figure class="chart line-chart">
            <figcaption>{ &props.title }</figcaption>
            <svg id={props.id.clone()} viewBox={format!("0 0 {w} {h}")} role="img" aria-label={props.title.clone()}
                data-points={props.points.len().to_string()} data-marks={props.marks.iter().filter(|m| m.strong).count().to_string()}>
                { for (0..=4).map(|i| {
                    let yv = ymax * f64::from(i) / 4.0;
                    let xv = xmax * f64::from(i) / 4.0;
                    html! { <g>
                        <line x1={l.to_string()} x2={(w - r).to_string()} y1={format!("{:.1}", sy(yv))} y2={format!("{:.1}", sy(yv))} class="grid-line" />
                        <text x={(l - 6.0).to_string()} y={format!("{:.1}", sy(yv) + 4.0)} text-anchor="end" class="tick-label">{ wan(yv) }</text>
                        <text x={format!("{:.1}", sx(xv))} y={(h - b + 16.0).to_string()} text-anchor="middle" class="tick-label">{ wan(xv) }</text>
                    </g> }
                }) }
                <text x={((l + w - r) / 2.0).to_string()} y={(h - 8.0).to_string()} text-anchor="middle" class="axis-label">{ &props.x_label }</text>
                <text x="12" y={(t + 4.0).to_string()} class="axis-label y-label" transform={format!("rotate(90 12 {})", t + 4.0)}>{ &props.y_label }</text>
                { for props.marks.iter().filter(|m| m.x <= xmax).enumerate().map(|(i, m)| html! {
                    <g class={classes!("mark", m.strong.then_some("strong"))} data-x={format!("{}", m.x)}>
                        <line x1={format!("{:.1}", sx(m.x))} x2={format!("{:.1}", sx(m.x))} y1={t.to_string()} y2={(h - b).to_string()} />
                        if !m.label.is_empty() {
                            <text x={format!("{:.1}", sx(m.x) - 4.0)} y={(t + 12.0 + 14.0 * (i % 2) as f64).to_string()} text-anchor="end" class="mark-label">{ &m.label }</text>
                        }
                    </g>
                }) }
                <path d={path} class="curve" />
                if let Some(c) = props.current.filter(|c| *c <= xmax) {
                    <g class="current"><line x1={format!("{:.1}", sx(c))} x2={format!("{:.1}", sx(c))} y1={(h - b).to_string()} y2={(h - b - 8.0).to_string()} />
                        <circle cx={format!("{:.1}", sx(c))} cy={(h - b).to_string()} r="4" /></g>
                }
            </svg>
        </figure>
    }
}
