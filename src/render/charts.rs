//! SVG charts drawn with plotters through [`LeanSvg`], a backend that styles every mark by
//! class (the theme's `style.css` gives each class its colour once) and joins the marks of one
//! class into one path. Charts carry only shapes and ASCII numbers: titles, legends and the data
//! table are HTML next to the chart, because plotters measures Japanese text wrongly. Each chart
//! gets `role="img"`, a `<title>` and a `<desc>` that states its numbers, and the same input
//! always gives the same bytes.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::lean_svg::{Anchor, Drawing, LeanSvg, Look, Paint};
use crate::compute::Status;
use crate::number::format_number;

/// One fiscal year of an indicator chart.
pub(crate) struct YearBar {
    /// An ASCII label for the axis, such as `R6` or `FY24`.
    pub label: String,
    /// The target, if a number.
    pub target: Option<f64>,
    /// The actual, if a number.
    pub actual: Option<f64>,
    /// Whether years are left out before this one (FY2031 after FY2027): the axis leaves a
    /// gap, so that years are not drawn as if they followed each other.
    pub gap_before: bool,
}

/// What an indicator chart shows: each year's actual against its target (for a count, both
/// cumulative), so that the trend reads from left to right.
pub(crate) struct IndicatorChart<'a> {
    /// A unique id in the page, for the title and description.
    pub id: &'a str,
    /// The chart's title, in the page's language.
    pub title: &'a str,
    /// A description that states the numbers and the trend, in the page's language.
    pub description: &'a str,
    /// The years, in order.
    pub years: Vec<YearBar>,
}

/// The size of an indicator chart's drawing, in SVG units. It is drawn for a phone: on a
/// 360-px screen its box is about 294 px wide, so that the stylesheet's 13.7-unit text renders
/// at 12 px or more; on wider screens the stylesheet caps its width.
const INDICATOR_SIZE: (u32, u32) = (320, 190);
/// The size of a roll-up bar, in SVG units, drawn for a phone like [`INDICATOR_SIZE`].
const ROLLUP_SIZE: (u32, u32) = (320, 48);
/// The font size given to plotters to place labels (the stylesheet sets the size drawn).
const TEXT_SIZE: f64 = 17.0;

/// The outline of target bars; the theme's `.key-target` legend key repeats it.
pub(super) const TARGET_STROKE: RGBColor = RGBColor(0x24, 0x29, 0x2f);
/// The fill of actual bars; the theme's `.key-actual` legend key repeats it.
pub(super) const ACTUAL_FILL: RGBColor = RGBColor(0x09, 0x69, 0xda);
const AXIS: RGBColor = RGBColor(0x59, 0x63, 0x6e);
const GRID: RGBColor = RGBColor(0xd1, 0xd9, 0xe0);

/// The marks of an indicator chart; `style.css` styles `.plot .{class}` with the same colour.
pub(super) const INDICATOR_LOOKS: [Look; 6] = [
    Look { class: "g", paint: Paint::Stroke(1), colour: GRID },
    Look { class: "x", paint: Paint::Stroke(1), colour: AXIS },
    Look { class: "t", paint: Paint::Stroke(1), colour: TARGET_STROKE },
    Look { class: "a", paint: Paint::Fill, colour: ACTUAL_FILL },
    Look { class: "e", paint: Paint::Text(Anchor::End), colour: AXIS },
    Look { class: "m", paint: Paint::Text(Anchor::Middle), colour: AXIS },
];

/// The marks of a roll-up bar: a segment per status, and the white counts on them.
pub(super) const ROLLUP_LOOKS: [Look; 7] = [
    Look { class: "s-achieved", paint: Paint::Fill, colour: status_colour(Status::Achieved) },
    Look { class: "s-on_track", paint: Paint::Fill, colour: status_colour(Status::OnTrack) },
    Look { class: "s-behind", paint: Paint::Fill, colour: status_colour(Status::Behind) },
    Look { class: "s-no_data", paint: Paint::Fill, colour: status_colour(Status::NoData) },
    Look { class: "s-under_consideration", paint: Paint::Fill, colour: status_colour(Status::UnderConsideration) },
    Look { class: "s-no_target", paint: Paint::Fill, colour: status_colour(Status::NoTarget) },
    Look { class: "w", paint: Paint::Text(Anchor::Middle), colour: WHITE },
];

/// The colour of a status: each has at least 3:1 contrast against white. The light palette of
/// the theme's `style.css` repeats these.
pub(crate) const fn status_colour(status: Status) -> RGBColor {
    match status {
        Status::Achieved => RGBColor(0x1a, 0x7f, 0x37),
        Status::OnTrack => RGBColor(0x09, 0x69, 0xda),
        Status::Behind => RGBColor(0xbc, 0x4c, 0x00),
        Status::NoData => RGBColor(0x59, 0x63, 0x6e),
        Status::UnderConsideration => RGBColor(0x82, 0x50, 0xdf),
        Status::NoTarget => RGBColor(0x42, 0x4a, 0x53),
    }
}

type DrawResult = Result<(), DrawingAreaErrorKind<std::convert::Infallible>>;
type Area<'a> = DrawingArea<LeanSvg<'a>, Shift>;

/// Targets (outlined bars) against actuals (filled bars), year by year.
pub(crate) fn indicator_chart(chart: &IndicatorChart<'_>) -> String {
    let mut drawing = Drawing::default();
    let drawn =
        draw_indicator(&LeanSvg::new(INDICATOR_SIZE, &INDICATOR_LOOKS, &mut drawing).into_drawing_area(), chart);
    finish(drawing, drawn, INDICATOR_SIZE, chart.id, chart.title, chart.description)
}

fn draw_indicator(root: &Area<'_>, chart: &IndicatorChart<'_>) -> DrawResult {
    // Each bar's slot on the time axis; a gap of one slot where years are left out.
    let slots: Vec<f64> = chart
        .years
        .iter()
        .scan(-1.0, |x, y| {
            *x += if y.gap_before { 2.0 } else { 1.0 };
            Some(*x)
        })
        .collect();
    let n = slots.last().map_or(1.0, |last| last + 1.0);
    let max = chart.years.iter().flat_map(|y| [y.target, y.actual]).flatten().fold(0.0_f64, f64::max);
    let top = nice_ceiling(max);
    let mut area = ChartBuilder::on(root)
        .margin(8)
        .margin_bottom(2)
        .x_label_area_size(24)
        .y_label_area_size(62)
        .build_cartesian_2d(0.0..n, 0.0..top)?;
    draw_value_axis(&mut area, n, top, &|v| format_number(v))?;
    let label_style =
        TextStyle::from(("sans-serif", TEXT_SIZE).into_font()).color(&AXIS).pos(Pos::new(HPos::Center, VPos::Top));
    for (year, &x) in chart.years.iter().zip(&slots) {
        if let Some(t) = year.target {
            area.draw_series(std::iter::once(Rectangle::new(
                [(x + 0.1, 0.0), (x + 0.48, t)],
                TARGET_STROKE.stroke_width(1),
            )))?;
        }
        if let Some(a) = year.actual {
            area.draw_series(std::iter::once(Rectangle::new([(x + 0.52, 0.0), (x + 0.9, a)], ACTUAL_FILL.filled())))?;
        }
        area.draw_series(std::iter::once(
            EmptyElement::at((x + 0.5, 0.0)) + Text::new(year.label.clone(), (0, 5), label_style.clone()),
        ))?;
    }
    Ok(())
}

type Chart<'a, 'b> = ChartContext<'a, LeanSvg<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The value axis: a line at 0, half and the top of the scale, each labelled, and the axis
/// line itself. (Cheaper than plotters' mesh, which measures every label.)
fn draw_value_axis(chart: &mut Chart<'_, '_>, width: f64, top: f64, label: &dyn Fn(f64) -> String) -> DrawResult {
    let style =
        TextStyle::from(("sans-serif", TEXT_SIZE).into_font()).color(&AXIS).pos(Pos::new(HPos::Right, VPos::Center));
    for value in [0.0, top / 2.0, top] {
        chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, value), (width, value)], GRID)))?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((0.0, value)) + Text::new(label(value), (-6, 0), style.clone()),
        ))?;
    }
    chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (0.0, top)], AXIS)))?;
    Ok(())
}

/// A horizontal bar of the statuses of a group of indicators, one segment per status.
pub(crate) fn rollup_chart(id: &str, title: &str, description: &str, counts: &[(Status, usize)]) -> String {
    let mut drawing = Drawing::default();
    let drawn = draw_rollup(&LeanSvg::new(ROLLUP_SIZE, &ROLLUP_LOOKS, &mut drawing).into_drawing_area(), counts);
    finish(drawing, drawn, ROLLUP_SIZE, id, title, description)
}

fn draw_rollup(root: &Area<'_>, counts: &[(Status, usize)]) -> DrawResult {
    let total: usize = counts.iter().map(|(_, c)| c).sum();
    if total == 0 {
        return Ok(());
    }
    let (width, height) = (f64::from(ROLLUP_SIZE.0) - 8.0, f64::from(ROLLUP_SIZE.1) - 8.0);
    let mut x: f64 = 4.0;
    let label =
        TextStyle::from(("sans-serif", TEXT_SIZE).into_font()).color(&WHITE).pos(Pos::new(HPos::Center, VPos::Center));
    for (i, (status, count)) in counts.iter().filter(|(_, c)| *c > 0).enumerate() {
        let w = width * *count as f64 / total as f64;
        let (x0, x1) = (x.round() as i32, (x + w).round() as i32);
        let (y0, y1) = (4, 4 + height as i32);
        // A white gap of 2 units between segments (and 1 at the end), so that they stay apart
        // without colour.
        let left = if i == 0 { x0 } else { x0 + 1 };
        if x1 - 1 > left {
            root.draw(&Rectangle::new([(left, y0), (x1 - 1, y1)], status_colour(*status).filled()))?;
        }
        if x1 - x0 >= 18 {
            root.draw(&Text::new(count.to_string(), ((x0 + x1) / 2, (y0 + y1) / 2), label.clone()))?;
        }
        x += w;
    }
    Ok(())
}

/// Rounds up to 1, 2 or 5 times a power of ten, for the top of an axis.
fn nice_ceiling(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let padded = max * 1.1;
    let magnitude = 10f64.powf(padded.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * magnitude).find(|v| *v >= padded).unwrap_or(10.0 * magnitude)
}

/// The drawn chart as an `<svg>` element with its accessible name and description. The class
/// `plot` is the stylesheet's hook: it gives the chart its white ground and font, and each mark's
/// class its colour.
#[expect(
    clippy::expect_used,
    reason = "the lean backend draws into memory and its error type is Infallible: drawing cannot fail"
)]
fn finish(drawing: Drawing, drawn: DrawResult, (w, h): (u32, u32), id: &str, title: &str, description: &str) -> String {
    drawn.expect("a chart draws into memory");
    format!(
        r#"<svg class="plot" role="img" aria-labelledby="{id}-title {id}-desc" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{}</svg>
"#,
        escape_xml(title),
        escape_xml(description),
        drawing.into_elements()
    )
}

#[expect(clippy::expect_used, reason = "escaping UTF-8 text into memory cannot fail and gives UTF-8")]
pub(super) fn escape_xml(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    tera::escape_html(s, &mut out).expect("escaping into memory succeeds");
    String::from_utf8(out).expect("escaped UTF-8 is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_chart_svg() {
        let chart = indicator_chart(&IndicatorChart {
            id: "chart-x",
            title: "Businesses whose sales improved",
            description: "Target: FY2024 80. Actual: FY2024 42. Achievement rate 13.1%. Expected 25.0%. Status: behind.",
            years: ["FY24", "FY25", "FY26", "FY27", "FY31"]
                .iter()
                .enumerate()
                .map(|(i, label)| YearBar {
                    label: (*label).to_owned(),
                    target: Some(80.0),
                    actual: (i == 0).then_some(42.0),
                    gap_before: *label == "FY31",
                })
                .collect(),
        });
        insta::assert_snapshot!("indicator_chart", chart);
    }

    #[test]
    fn rollup_chart_svg() {
        let chart = rollup_chart(
            "rollup-x",
            "Status overview",
            "Achieved 12, on track 68, behind 67, no data 1, under consideration 4.",
            &[
                (Status::Achieved, 12),
                (Status::OnTrack, 68),
                (Status::Behind, 67),
                (Status::NoData, 1),
                (Status::UnderConsideration, 4),
            ],
        );
        insta::assert_snapshot!("rollup_chart", chart);
    }

    fn sample() -> IndicatorChart<'static> {
        IndicatorChart {
            id: "c1",
            title: "Businesses <supported>",
            description: "FY2024: target 80, actual 42.",
            years: vec![
                YearBar { label: "FY24".into(), target: Some(80.0), actual: Some(42.0), gap_before: false },
                YearBar { label: "FY25".into(), target: Some(160.0), actual: None, gap_before: false },
            ],
        }
    }

    #[test]
    fn indicator_chart_is_accessible_svg() {
        let svg = indicator_chart(&sample());
        assert!(svg.starts_with(r#"<svg class="plot" role="img" aria-labelledby="c1-title c1-desc""#), "{svg}");
        assert!(svg.contains(r#"<title id="c1-title">Businesses &lt;supported&gt;</title>"#));
        assert!(svg.contains(r#"<desc id="c1-desc">FY2024: target 80, actual 42.</desc>"#));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn charts_are_deterministic() {
        assert_eq!(indicator_chart(&sample()), indicator_chart(&sample()));
    }

    /// The size of every chart text, in SVG units, as the theme's stylesheet sets it.
    const TEXT_UNITS: f64 = 13.7;

    #[test]
    fn chart_text_is_big_enough_for_a_phone() {
        // At 360 px the chart box is about 294 px wide: every text must render at 12 px or more.
        for svg in [indicator_chart(&sample()), rollup_chart("r", "t", "d", &[(Status::Behind, 3)])] {
            let width: f64 = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
            assert!(TEXT_UNITS * 294.0 / width >= 12.0, "text of {TEXT_UNITS} in a {width}-wide chart");
            assert!(svg.contains("<text ") && !svg.contains("font"), "the stylesheet sets the font: {svg}");
        }
        let css = include_str!("../../themes/default/static/style.css");
        assert!(
            css.contains(&format!(".plot text {{ font: {TEXT_UNITS}px sans-serif;")),
            "style.css sets the charts' font"
        );
    }

    /// Every mark has a class and no style of its own; the marks of a class are one path.
    #[test]
    fn no_style_is_repeated_per_mark() {
        let rollup = rollup_chart("r", "t", "d", &[(Status::Achieved, 3), (Status::Behind, 4), (Status::NoData, 2)]);
        for svg in [indicator_chart(&sample()), rollup] {
            for attribute in ["fill=", "stroke", "opacity", "font", "text-anchor", "xmlns", "<rect", "<polyline"] {
                assert!(!svg.contains(attribute), "{attribute} in {svg}");
            }
            let mut classes: Vec<&str> = svg
                .match_indices(r#"<path class=""#)
                .filter_map(|(at, m)| svg[at + m.len()..].split('"').next())
                .collect();
            let drawn = classes.len();
            classes.dedup();
            assert_eq!(classes.len(), drawn, "one path per class: {svg}");
        }
        let svg = indicator_chart(&sample());
        // Two target outlines and one actual bar, each a rectangle of the class's path.
        assert_eq!(
            svg.split(r#"<path class="t" d=""#).nth(1).unwrap().split('"').next().unwrap().matches('M').count(),
            2
        );
        assert_eq!(
            svg.split(r#"<path class="a" d=""#).nth(1).unwrap().split('"').next().unwrap().matches('M').count(),
            1
        );
        assert!(svg.contains(r#"<text class="m" x="#) && svg.contains(">FY24</text>"), "{svg}");
        assert!(svg.len() < 800, "{} bytes: {svg}", svg.len());
    }

    /// A taller value is drawn as a taller bar, and the bars of later years to the right.
    #[test]
    fn bars_follow_the_numbers() {
        let svg = indicator_chart(&sample());
        let rects = |class: &str| -> Vec<(i32, i32)> {
            let d = svg.split(&format!(r#"<path class="{class}" d=""#)).nth(1).unwrap().split('"').next().unwrap();
            d.split('M')
                .filter(|r| !r.is_empty())
                .map(|r| {
                    let x: i32 = r.split(' ').next().unwrap().parse().unwrap();
                    let h: i32 = r.split('v').nth(1).unwrap().split('h').next().unwrap().parse().unwrap();
                    (x, h)
                })
                .collect()
        };
        let targets = rects("t");
        assert!(targets[0].0 < targets[1].0 && targets[0].1 < targets[1].1, "{targets:?}: 80 then 160");
        let actual = rects("a");
        assert!(actual[0].1 < targets[0].1 && actual[0].1 > 0, "42 is lower than 80: {actual:?} {targets:?}");
    }

    /// The stylesheet gives each class the colour the chart draws it with.
    #[test]
    fn the_stylesheet_colours_every_look() {
        let css = include_str!("../../themes/default/static/style.css");
        for look in INDICATOR_LOOKS.iter().chain(&ROLLUP_LOOKS) {
            let hex = format!("#{:02x}{:02x}{:02x}", look.colour.0, look.colour.1, look.colour.2);
            let property = match look.paint {
                Paint::Stroke(_) => "stroke",
                Paint::Fill | Paint::Text(_) => "fill",
            };
            let rule = css.lines().find(|l| l.starts_with(&format!(".plot .{} {{", look.class)));
            assert!(
                rule.is_some_and(|r| r.contains(&format!("{property}: {hex}"))),
                ".plot .{} needs {property}: {hex} in style.css",
                look.class
            );
            if let Paint::Stroke(width) = look.paint
                && width != 1
            {
                assert!(rule.is_some_and(|r| r.contains(&format!("stroke-width: {width}"))), "{}", look.class);
            }
        }
    }

    #[test]
    fn axis_tops() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(80.0), 100.0);
        assert_eq!(nice_ceiling(4000.0), 5000.0);
        assert_eq!(nice_ceiling(136500.0), 200000.0);
    }
}
