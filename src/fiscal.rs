//! Japanese fiscal years (年度): 1 April to 31 March, named by the year they start.
//!
//! Data holds the Gregorian year; pages print 令和6年度 in Japanese and FY2024 in English, from
//! this one type, so that no translation ever touches a year.

use std::fmt;

use crate::lang::Lang;

/// A fiscal year, named by the Gregorian year in which it starts: `FiscalYear(2024)` runs from
/// April 2024 to March 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(pub u16);

/// A Japanese era: its name and the Gregorian year of its first year.
struct Era {
    name: &'static str,
    first_year: u16,
}

/// The eras fiscal years may fall in, newest first.
const ERAS: [Era; 2] = [Era { name: "令和", first_year: 2019 }, Era { name: "平成", first_year: 1989 }];

impl FiscalYear {
    /// The fiscal year's name in `lang`: `令和6年度` or `FY2024`.
    pub fn label(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => format!("{}年度", self.japanese_era_year()),
            Lang::En => format!("FY{}", self.0),
        }
    }

    /// A short name for chart axes, in ASCII so that it measures correctly: `R6` or `FY24`.
    pub fn short_label(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => match ERAS.iter().find(|e| self.0 >= e.first_year) {
                Some(era) if era.name == "令和" => format!("R{}", self.0 - era.first_year + 1),
                Some(era) => format!("H{}", self.0 - era.first_year + 1),
                None => self.0.to_string(),
            },
            Lang::En => format!("FY{:02}", self.0 % 100),
        }
    }

    /// The Japanese era year, such as 令和6 (令和元 for the first year).
    fn japanese_era_year(self) -> String {
        match ERAS.iter().find(|e| self.0 >= e.first_year) {
            Some(era) if self.0 == era.first_year => format!("{}元", era.name),
            Some(era) => format!("{}{}", era.name, self.0 - era.first_year + 1),
            None => format!("{}", self.0),
        }
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reiwa_years() {
        assert_eq!(FiscalYear(2024).label(Lang::Ja), "令和6年度");
        assert_eq!(FiscalYear(2031).label(Lang::Ja), "令和13年度");
        assert_eq!(FiscalYear(2019).label(Lang::Ja), "令和元年度");
    }

    #[test]
    fn heisei_years() {
        assert_eq!(FiscalYear(2018).label(Lang::Ja), "平成30年度");
        assert_eq!(FiscalYear(1989).label(Lang::Ja), "平成元年度");
    }

    #[test]
    fn english_years() {
        assert_eq!(FiscalYear(2024).label(Lang::En), "FY2024");
        assert_eq!(FiscalYear(2031).short_label(Lang::En), "FY31");
        assert_eq!(FiscalYear(2031).short_label(Lang::Ja), "R13");
    }
}
