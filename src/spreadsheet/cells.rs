//! What a cell holds, read as people write it: ids, fiscal years (also in eras), numbers with
//! separators or full-width digits, texts.

use super::sheet::Cell;

/// Full-width letters, digits and signs as ASCII, and the ideographic space as a space.
pub(super) fn narrow(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// An id as typed: narrowed, with the dashes a document or an input method may give turned
/// into `-`.
pub(super) fn normalise_id(text: &str) -> String {
    narrow(text.trim())
        .chars()
        .map(|c| if matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}') { '-' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A cell's text with Windows line breaks turned into `\n` and surrounding space removed.
pub(super) fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").trim().to_owned()
}

/// The fiscal year in a cell: a whole number such as 2025.
pub(super) fn parse_year(cell: &Cell) -> Result<u16, (String, String)> {
    let how = "write the year the fiscal year starts in, e.g. 2025 for 令和7年度 (FY2025)";
    match cell {
        Cell::Empty => Err(("this row has no fiscal_year".to_owned(), how.to_owned())),
        Cell::Number(n) if n.fract() == 0.0 && (1900.0..=9999.0).contains(n) => Ok(*n as u16),
        Cell::Number(n) => Err((format!("{n} is not a fiscal year"), how.to_owned())),
        Cell::Other(what) => Err((format!("fiscal_year holds {what}, not a year"), how.to_owned())),
        Cell::Text(text) => {
            let text = narrow(text.trim());
            if let Ok(year) = text.parse::<u16>()
                && (1900..=9999).contains(&year)
            {
                return Ok(year);
            }
            let help = match era_year(&text) {
                Some(year) => format!(
                    "write {year}: a fiscal year is written as the Gregorian year it starts in ({text} starts in {year})"
                ),
                None => how.to_owned(),
            };
            Err((format!("{text:?} is not a fiscal year"), help))
        }
    }
}

/// The Gregorian year of a year written as 令和7年度, R7 or FY2025, for advice.
pub(super) fn era_year(text: &str) -> Option<u16> {
    let text = text.trim_end_matches("年度").trim_end_matches('年');
    let number = |s: &str| if s == "元" { Some(1) } else { s.trim().parse::<u16>().ok() };
    if let Some(n) = text.strip_prefix("令和").and_then(number) {
        return 2018u16.checked_add(n);
    }
    if let Some(n) = text.strip_prefix("平成").and_then(number) {
        return 1988u16.checked_add(n);
    }
    if let Some(n) = text.strip_prefix(['R', 'r']).and_then(number) {
        return 2018u16.checked_add(n);
    }
    text.strip_prefix("FY").or_else(|| text.strip_prefix("fy")).and_then(number).filter(|y| *y >= 1900)
}

/// The actual in a cell: `None` when the cell is empty (leave the value as it is).
pub(super) fn parse_actual(cell: &Cell) -> Result<Option<f64>, (String, String)> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => check_actual(*n, &n.to_string()).map(Some),
        Cell::Other(what) => Err((
            format!("actual holds {what}, not a number"),
            "write the actual as a number, e.g. 79 or 1,234, or leave the cell empty to keep the value in content"
                .to_owned(),
        )),
        Cell::Text(text) => parse_number(text).map(Some),
    }
}

pub(super) fn negative(shown: &str) -> (String, String) {
    (
        format!("{shown} is negative; actuals cannot be"),
        "write the actual as printed; where the source prints a minus, write the value in the YAML file by hand as {value, printed} with a note".to_owned(),
    )
}

pub(super) fn check_actual(value: f64, shown: &str) -> Result<f64, (String, String)> {
    if !value.is_finite() {
        return Err((format!("{shown} is not a number"), "write the actual as a number, e.g. 79".to_owned()));
    }
    if value < 0.0 {
        return Err(negative(shown));
    }
    if value > 1e15 {
        return Err((format!("{shown} is too large for an actual"), "check the number".to_owned()));
    }
    Ok(value)
}

/// A number typed as text: `79`, `1,234`, `0.5`, full-width digits allowed.
pub(super) fn parse_number(text: &str) -> Result<f64, (String, String)> {
    let typed = text.trim();
    let s = narrow(typed);
    let s = s.trim();
    let plain =
        "write the actual as a number such as 79, 1,234 or 0.5, or leave the cell empty to keep the value in content";
    if matches!(s, "ー" | "-" | "―" | "—" | "検討中" | "－") {
        return Err((
            format!("{typed:?} is not a number"),
            format!("import writes numbers only; write {typed:?} in the YAML file by hand, or leave the cell empty"),
        ));
    }
    let numeric_len = s.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(s.len());
    let (number, rest) = s.split_at(numeric_len);
    if number.is_empty() {
        if let Some(after_minus) = s.strip_prefix(['-', '−', '▲', '△'])
            && after_minus.starts_with(|c: char| c.is_ascii_digit())
        {
            return Err(negative(&format!("{typed:?}")));
        }
        return Err((format!("{typed:?} is not a number"), plain.to_owned()));
    }
    if !rest.is_empty() {
        return Err((
            format!("{typed:?} is not a number"),
            format!("write the number alone, without {:?}: {number}", rest.trim()),
        ));
    }
    let (whole, fraction) = match number.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (number, None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped_well = groups.len() == 1
        || (groups.first().is_some_and(|g| (1..=3).contains(&g.len())) && groups.iter().skip(1).all(|g| g.len() == 3));
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if whole.is_empty() || !grouped_well || !fraction_ok {
        return Err((
            format!("{typed:?} is not a number"),
            "use ',' only between groups of three digits and '.' for decimals, e.g. 1,234.5".to_owned(),
        ));
    }
    let digits: String = number.chars().filter(|&c| c != ',').collect();
    match digits.parse::<f64>() {
        Ok(value) => check_actual(value, &format!("{typed:?}")),
        Err(_) => Err((format!("{typed:?} is not a number"), plain.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_separators_and_full_width_digits() {
        assert_eq!(parse_number("79").unwrap(), 79.0);
        assert_eq!(parse_number(" 1,234 ").unwrap(), 1234.0);
        assert_eq!(parse_number("１，２３４．５").unwrap(), 1234.5);
        assert_eq!(parse_number("0.5").unwrap(), 0.5);
        assert_eq!(parse_number("12,345,678").unwrap(), 12_345_678.0);
    }

    #[test]
    fn anything_else_is_refused_with_advice() {
        for bad in ["1,23", "abc", "1.2.3", "", "1e3", ",123", "1.", "検討中", "ー"] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
        let (message, help) = parse_number("77％").unwrap_err();
        assert_eq!(message, "\"77％\" is not a number");
        assert!(help.contains("without \"%\": 77"), "{help}");
        let (message, _) = parse_number("-5").unwrap_err();
        assert!(message.contains("negative"), "{message}");
    }

    #[test]
    fn years_written_in_eras_get_advice() {
        assert_eq!(parse_year(&Cell::Text("２０２５".into())).unwrap(), 2025);
        assert_eq!(parse_year(&Cell::Number(2025.0)).unwrap(), 2025);
        let (_, help) = parse_year(&Cell::Text("令和7年度".into())).unwrap_err();
        assert!(help.starts_with("write 2025"), "{help}");
        let (_, help) = parse_year(&Cell::Text("R7".into())).unwrap_err();
        assert!(help.starts_with("write 2025"), "{help}");
        assert!(parse_year(&Cell::Number(2025.5)).is_err());
    }

    #[test]
    fn ids_are_normalised() {
        assert_eq!(normalise_id(" １‐１-1−1.1 "), "1-1-1-1.1");
    }
}
