//! Numbers as readers of each language expect them: 1,637 and 13.1 %.

/// Formats a number with thousands separators, keeping the decimals it was written with
/// (Rust prints the shortest representation that reads back as the same number).
pub(crate) fn format_number(value: f64) -> String {
    let text = format!("{value}");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac_part {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Formats a percentage with one decimal, as the source prints it: `13.1%`.
pub(crate) fn format_percent(value: f64) -> String {
    let mut rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        rounded = 0.0; // no "-0.0%"
    }
    format!("{}%", format_number_fixed(rounded, 1))
}

/// Formats with exactly `decimals` decimals and thousands separators.
fn format_number_fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    let int_value: f64 = int_part.parse().unwrap_or(0.0);
    let grouped = format_number(int_value.abs());
    let sign = if text.starts_with('-') { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}.{frac}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(format_number(1637.0), "1,637");
        assert_eq!(format_number(136500.0), "136,500");
        assert_eq!(format_number(11015.0), "11,015");
        assert_eq!(format_number(75.0), "75");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(1234567.25), "1,234,567.25");
        assert_eq!(format_number(-1200.0), "-1,200");
    }

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(format_percent(13.125), "13.1%");
        assert_eq!(format_percent(100.0), "100.0%");
        assert_eq!(format_percent(1234.56), "1,234.6%");
        assert_eq!(format_percent(-0.04), "0.0%");
    }
}
