//! Terms, the planning horizon and calendar arithmetic. Ages and years of
//! service are whole calendar years (a birthday counts on the day), never
//! 365-day approximations (SPEC §2 rule 3).

use chrono::{Datelike, Months, NaiveDate};

/// One term (学期) of the horizon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub id: String,
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
}

/// The consecutive terms being planned, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Horizon {
    pub terms: Vec<Term>,
}

impl Horizon {
    /// The default horizon: the autumn and spring terms of the first school
    /// year that starts after `today` (a school year starts on 1 September).
    pub fn next_school_year(today: NaiveDate) -> Horizon {
        let year = if today < ymd(today.year(), 9, 1) {
            today.year()
        } else {
            today.year() + 1
        };
        Horizon::school_year(year)
    }

    /// The default horizon of the school year that `day` falls in (the
    /// horizon a roster starting on `day` was planned for).
    pub(crate) fn school_year_containing(day: NaiveDate) -> Horizon {
        Horizon::school_year(if day.month() >= 9 {
            day.year()
        } else {
            day.year() - 1
        })
    }

    /// The first day of a term of a default horizon, from its id
    /// (`2027-autumn`, `2028-spring`); `None` for any other id.
    pub(crate) fn term_start_of_default_id(id: &str) -> Option<NaiveDate> {
        let (year, season) = id.split_once('-')?;
        let year: i32 = year.parse().ok().filter(|y| (1900..=9999).contains(y))?;
        let school_year = match season {
            "autumn" => year,
            "spring" => year - 1,
            _ => return None,
        };
        let horizon = Horizon::school_year(school_year);
        horizon.terms.iter().find(|t| t.id == id).map(|t| t.start)
    }

    /// The autumn and spring terms of the school year starting in `year`.
    fn school_year(year: i32) -> Horizon {
        Horizon {
            terms: vec![
                Term {
                    id: format!("{year}-autumn"),
                    start: ymd(year, 9, 1),
                    end: ymd(year + 1, 1, 20),
                },
                Term {
                    id: format!("{}-spring", year + 1),
                    start: ymd(year + 1, 2, 21),
                    end: ymd(year + 1, 7, 10),
                },
            ],
        }
    }

    /// The first day of the horizon: the date every age and year count is
    /// taken at.
    pub fn first_day(&self) -> NaiveDate {
        self.terms[0].start
    }

    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub(crate) fn term_index(&self, id: &str) -> Option<usize> {
        self.terms.iter().position(|t| t.id == id)
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("fixed calendar date is valid")
}

/// Whole calendar years from `from` to `to`; negative when `to` is earlier.
pub(crate) fn full_years(from: NaiveDate, to: NaiveDate) -> i32 {
    if to >= from {
        to.years_since(from).map_or(0, |y| y as i32)
    } else {
        -(from.years_since(to).map_or(0, |y| y as i32))
    }
}

/// `date` moved by a whole number of years; 29 February falls back to
/// 28 February in a common year.
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_years_counts_a_birthday_on_the_day() {
        let born = ymd(1970, 9, 1);
        assert_eq!(full_years(born, ymd(2027, 8, 31)), 56);
        assert_eq!(full_years(born, ymd(2027, 9, 1)), 57);
        assert_eq!(full_years(ymd(2027, 9, 2), ymd(2027, 9, 1)), 0);
        assert_eq!(full_years(ymd(2028, 9, 1), ymd(2027, 9, 1)), -1);
    }

    #[test]
    fn leap_day_birthdays_use_calendar_arithmetic() {
        let born = ymd(2000, 2, 29);
        assert_eq!(full_years(born, ymd(2001, 2, 28)), 0);
        assert_eq!(full_years(born, ymd(2001, 3, 1)), 1);
        assert_eq!(add_years(born, 1), ymd(2001, 2, 28));
    }

    #[test]
    fn default_horizon_is_the_next_school_year() {
        let h = Horizon::next_school_year(ymd(2026, 11, 23));
        assert_eq!(h.terms[0].id, "2027-autumn");
        assert_eq!(h.first_day(), ymd(2027, 9, 1));
        assert_eq!(h.terms[1].id, "2028-spring");
        let h = Horizon::next_school_year(ymd(2027, 3, 1));
        assert_eq!(h.first_day(), ymd(2027, 9, 1));
    }

    #[test]
    fn the_school_year_of_a_day_and_of_a_default_term_id() {
        let h = Horizon::school_year_containing(ymd(2028, 2, 21));
        assert_eq!(h.terms[0].id, "2027-autumn");
        assert_eq!(Horizon::school_year_containing(ymd(2027, 9, 1)), h);
        assert_eq!(
            Horizon::term_start_of_default_id("2028-spring"),
            Some(ymd(2028, 2, 21))
        );
        assert_eq!(
            Horizon::term_start_of_default_id("2027-autumn"),
            Some(ymd(2027, 9, 1))
        );
        assert_eq!(Horizon::term_start_of_default_id("T1"), None);
        assert_eq!(Horizon::term_start_of_default_id("2027-summer"), None);
    }
}
