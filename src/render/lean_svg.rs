//! A plotters drawing backend that writes lean SVG for charts inlined in pages.
//!
//! plotters' own SVG backend writes every attribute on every element (colour, opacity, stroke,
//! font family and size). Here a chart names the few [`Look`]s it draws with; each look is a
//! class that the theme's stylesheet styles once, and every shape of one look becomes part of a
//! single `<path>`. Coordinates are plotters' whole backend pixels. A shape whose style is not one
//! of the chart's looks is still drawn, with its colour written out, so nothing is lost.

use std::convert::Infallible;
use std::fmt::Write as _;

use plotters::prelude::{DrawingBackend, RGBColor};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// How a look paints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Paint {
    /// Filled shapes.
    Fill,
    /// Outlines, of the given width.
    Stroke(u32),
    /// Text, anchored at its start, middle or end.
    Text(Anchor),
}

/// Where a text is anchored, as SVG's `text-anchor` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    /// At its start.
    Start,
    /// At its middle.
    Middle,
    /// At its end.
    End,
}

impl Anchor {
    fn of(h: HPos) -> Self {
        match h {
            HPos::Left => Self::Start,
            HPos::Center => Self::Middle,
            HPos::Right => Self::End,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Middle => "middle",
            Self::End => "end",
        }
    }
}

/// A kind of mark in a chart: the class the stylesheet gives its colour, and what plotters
/// draws it with.
#[derive(Debug, Clone, Copy)]
pub(super) struct Look {
    /// The class, unique in the chart.
    pub class: &'static str,
    /// How it paints.
    pub paint: Paint,
    /// Its colour.
    pub colour: RGBColor,
}

/// How far below its anchor a text's baseline sits, in SVG units, for text of the stylesheet's
/// 13.7-unit font: 0.76 em below the top, or half an x-height below the middle.
const fn baseline_offset(v: VPos) -> i32 {
    match v {
        VPos::Top => 10,
        VPos::Center => 4,
        VPos::Bottom => -3,
    }
}

/// What a chart's marks become: one path per look, in the order the looks are first used, each
/// shape without a look, then the texts.
#[derive(Default)]
pub(super) struct Drawing {
    /// (the look, or `None` for a shape drawn with its own colour; its path data or whole element).
    shapes: Vec<(Option<&'static str>, String)>,
    texts: String,
}

impl Drawing {
    /// The drawing's SVG elements.
    pub(super) fn into_elements(self) -> String {
        let mut out = String::new();
        for (class, data) in &self.shapes {
            match class {
                Some(class) => {
                    let _ = write!(out, r#"<path class="{class}" d="{data}"/>"#);
                }
                None => out.push_str(data),
            }
        }
        out.push_str(&self.texts);
        out
    }
}

/// The backend: draws a chart of a given size and looks into a [`Drawing`].
pub(super) struct LeanSvg<'a> {
    size: (u32, u32),
    looks: &'a [Look],
    drawing: &'a mut Drawing,
}

impl<'a> LeanSvg<'a> {
    /// A backend of the given size that knows the chart's looks.
    pub(super) fn new(size: (u32, u32), looks: &'a [Look], drawing: &'a mut Drawing) -> Self {
        Self { size, looks, drawing }
    }

    /// The look that paints with `paint` in `colour`, if the chart has one.
    fn look(&self, paint: Paint, colour: BackendColor) -> Option<&'static str> {
        let (r, g, b) = colour.rgb;
        self.looks
            .iter()
            .find(|l| l.paint == paint && (l.colour.0, l.colour.1, l.colour.2) == (r, g, b))
            .map(|l| l.class)
    }

    /// Adds path data to the path of the look that paints with `paint` in `colour`, or draws a
    /// path of its own with the colour written out.
    fn add(&mut self, paint: Paint, colour: BackendColor, data: &str) {
        if colour.alpha == 0.0 {
            return;
        }
        match self.look(paint, colour) {
            Some(class) => match self.drawing.shapes.iter_mut().find(|(look, _)| *look == Some(class)) {
                Some((_, path)) => path.push_str(data),
                None => self.drawing.shapes.push((Some(class), data.to_owned())),
            },
            None => {
                let style = match paint {
                    Paint::Stroke(width) => format!(r#"fill="none" stroke="{}" stroke-width="{width}""#, hex(colour)),
                    Paint::Fill | Paint::Text(_) => format!(r#"fill="{}""#, hex(colour)),
                };
                self.drawing.shapes.push((None, format!(r#"<path {style} d="{data}"/>"#)));
            }
        }
    }
}

/// How a shape of `style` paints: filled, or outlined at its stroke width.
fn paint_of<S: BackendStyle>(style: &S, fill: bool) -> Paint {
    if fill { Paint::Fill } else { Paint::Stroke(style.stroke_width()) }
}

fn hex(c: BackendColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.rgb.0, c.rgb.1, c.rgb.2)
}

/// Path data through the points, closed when `close`; a horizontal or vertical step is written
/// as `H` or `V`.
fn polyline(points: impl IntoIterator<Item = BackendCoord>, close: bool) -> String {
    let mut d = String::new();
    let mut last: Option<BackendCoord> = None;
    for (x, y) in points {
        let _ = match last {
            None => write!(d, "M{x} {y}"),
            Some((_, ly)) if ly == y => write!(d, "H{x}"),
            Some((lx, _)) if lx == x => write!(d, "V{y}"),
            Some(_) => write!(d, "L{x} {y}"),
        };
        last = Some((x, y));
    }
    if close && !d.is_empty() {
        d.push('z');
    }
    d
}

/// Path data of a rectangle: start at its corner, then relative moves.
fn rectangle((x0, y0): BackendCoord, (x1, y1): BackendCoord) -> String {
    format!("M{x0} {y0}h{}v{}h{}z", x1 - x0, y1 - y0, x0 - x1)
}

impl DrawingBackend for LeanSvg<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<Infallible>> {
        self.add(Paint::Fill, color, &rectangle(point, (point.0 + 1, point.1 + 1)));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.add(paint_of(style, fill), style.color(), &rectangle(upper_left, bottom_right));
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.add(paint_of(style, false), style.color(), &polyline(path, false));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let r = radius;
        let d = format!("M{} {y}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 -{} 0", x - r as i32, 2 * r, 2 * r);
        self.add(paint_of(style, fill), style.color(), &d);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.add(paint_of(style, true), style.color(), &polyline(vert, true));
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        let y = y + baseline_offset(anchor.v_pos);
        let h = Anchor::of(anchor.h_pos);
        let attributes = match self.look(Paint::Text(h), colour) {
            Some(class) => format!(r#"class="{class}""#),
            None => format!(r#"text-anchor="{}" fill="{}""#, h.name(), hex(colour)),
        };
        let _ = write!(
            self.drawing.texts,
            r#"<text {attributes} x="{x}" y="{y}">{}</text>"#,
            super::charts::escape_xml(text)
        );
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        // The stylesheet's sans-serif: about 0.6 em per character, one em high.
        let em = style.size() / 1.24;
        Ok(((text.chars().count() as f64 * em * 0.6).ceil() as u32, em.ceil() as u32))
    }
}
