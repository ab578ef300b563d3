//! Typed values of CSV cells. Each parser accepts the spellings a personnel
//! section actually types (English, Chinese, Excel's `2027/9/1` dates) and,
//! when it fails, says what it expected so the user can fix the cell.

use chrono::NaiveDate;

use crate::domain::{Area, Backbone, Gender, GroupRole, Kind, Post, Title};
use crate::lang::tr;

/// A value read from one non-empty, trimmed cell.
pub(crate) trait Cell: Sized {
    /// The value, or a message telling the user what to write instead.
    fn parse_cell(text: &str) -> Result<Self, String>;
}

/// Matches `text` case-insensitively against each `(spellings, value)`.
fn one_of<T: Copy>(text: &str, table: &[(&[&str], T)], expected: &str) -> Result<T, String> {
    table
        .iter()
        .find(|(spellings, _)| spellings.iter().any(|s| s.eq_ignore_ascii_case(text)))
        .map(|&(_, value)| value)
        .ok_or_else(|| tr!(CellOneOf, list = expected))
}

impl Cell for bool {
    fn parse_cell(text: &str) -> Result<bool, String> {
        one_of(
            text,
            &[
                (&["1", "true", "yes", "y", "是"], true),
                (&["0", "false", "no", "n", "否"], false),
            ],
            "1/0, true/false, yes/no, 是/否",
        )
    }
}

impl Cell for NaiveDate {
    /// `YYYY-MM-DD`, or `YYYY/M/D` as Excel shows dates on Chinese Windows,
    /// or the HR system's `YYYY.M.D` and `YYYY年M月D日`; month and day may
    /// have one or two digits with any of these separators.
    fn parse_cell(text: &str) -> Result<NaiveDate, String> {
        let text = text.trim();
        let parts: Vec<&str> = match text.strip_suffix('日') {
            Some(ymd) => ymd.split(['年', '月']).collect(),
            None => {
                let separator = ['-', '/', '.']
                    .into_iter()
                    .find(|&c| text.contains(c))
                    .unwrap_or('-');
                text.split(separator).collect()
            }
        };
        let [year, month, day] = parts[..] else {
            return Err(tr!(CellDate));
        };
        let digits = |s: &str, max_len: usize| {
            if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                s.parse::<u32>().ok()
            }
        };
        match (digits(year, 4), digits(month, 2), digits(day, 2)) {
            (Some(y), Some(m), Some(d)) if year.len() == 4 => {
                NaiveDate::from_ymd_opt(y as i32, m, d)
                    .ok_or_else(|| tr!(CellNoSuchDay, text = text))
            }
            _ => Err(tr!(CellDate)),
        }
    }
}

impl Cell for f64 {
    fn parse_cell(text: &str) -> Result<f64, String> {
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(value),
            _ => Err(tr!(CellNumber)),
        }
    }
}

impl Cell for u32 {
    /// A whole number of 0 or more; `3.0` is accepted because spreadsheets
    /// write whole numbers that way.
    fn parse_cell(text: &str) -> Result<u32, String> {
        let number = f64::parse_cell(text).map_err(|_| tr!(CellWhole))?;
        if number < 0.0 {
            Err(tr!(CellNegative))
        } else if number.fract() != 0.0 {
            Err(tr!(CellWhole))
        } else if number > f64::from(u32::MAX) {
            Err(tr!(CellTooLarge))
        } else {
            Ok(number as u32)
        }
    }
}

impl Cell for Area {
    fn parse_cell(text: &str) -> Result<Area, String> {
        one_of(
            text,
            &[
                (&["urban", "城区"], Area::Urban),
                (&["town", "镇区"], Area::Town),
                (&["rural", "乡村", "农村"], Area::Rural),
            ],
            "urban, town, rural (城区/镇区/乡村)",
        )
    }
}

impl Cell for GroupRole {
    fn parse_cell(text: &str) -> Result<GroupRole, String> {
        one_of(
            text,
            &[
                (
                    &["lead", "龙头", "龙头校", "牵头", "牵头校"],
                    GroupRole::Lead,
                ),
                (&["member", "成员", "成员校"], GroupRole::Member),
            ],
            "lead, member (龙头/成员)",
        )
    }
}

impl Cell for Gender {
    fn parse_cell(text: &str) -> Result<Gender, String> {
        one_of(
            text,
            &[
                (&["m", "male", "男"], Gender::M),
                (&["f", "female", "女"], Gender::F),
            ],
            "M, F (男/女)",
        )
    }
}

impl Cell for Title {
    /// Also accepts the full forms personnel exports use: `一级教师`,
    /// `中小学一级教师` (the unified title system) and `中学一级教师`
    /// (whose grades are the same in the old system). `小学一级教师` is
    /// refused: in the old primary-school system it was the second grade.
    fn parse_cell(text: &str) -> Result<Title, String> {
        let text = text.strip_suffix("教师").unwrap_or(text);
        let text = ["中小学", "中学"]
            .into_iter()
            .find_map(|prefix| text.strip_prefix(prefix))
            .unwrap_or(text);
        one_of(
            text,
            &[
                (&["none", "未定级"], Title::None),
                (&["third", "三级"], Title::Third),
                (&["second", "二级"], Title::Second),
                (&["first", "一级"], Title::First),
                (&["senior", "高级"], Title::Senior),
                (&["professor", "正高级"], Title::Professor),
            ],
            "none, third, second, first, senior, professor (未定级/三级/二级/一级/高级/正高级)",
        )
    }
}

impl Cell for Backbone {
    /// Also accepts the level with the title as personnel exports write it:
    /// `县级骨干教师`, `市级学科带头人`, `省级名师`.
    fn parse_cell(text: &str) -> Result<Backbone, String> {
        let text = ["骨干教师", "骨干", "学科带头人", "名师"]
            .into_iter()
            .find_map(|title| text.strip_suffix(title).filter(|level| !level.is_empty()))
            .unwrap_or(text);
        one_of(
            text,
            &[
                (&["none", "无"], Backbone::None),
                (&["county", "县级"], Backbone::County),
                (&["city", "市级"], Backbone::City),
                (&["province", "省级"], Backbone::Province),
                (&["national", "国家级"], Backbone::National),
            ],
            "none, county, city, province, national (无/县级/市级/省级/国家级)",
        )
    }
}

impl Cell for Post {
    /// Also accepts the forms personnel exports write: `中层干部`,
    /// `专任教师`, `副校长`, `校长`, and `书记` (a school's party secretary
    /// leads it like its principal) and `主任` (an office head).
    fn parse_cell(text: &str) -> Result<Post, String> {
        one_of(
            text,
            &[
                (&["teacher", "教师", "专任教师", "无"], Post::Teacher),
                (
                    &["middle", "中层", "中层干部", "主任", "副主任"],
                    Post::Middle,
                ),
                (&["vice_principal", "副校长", "副书记"], Post::VicePrincipal),
                (&["principal", "校长", "书记", "园长"], Post::Principal),
            ],
            "teacher, middle, vice_principal, principal (教师/中层/副校长/校长)",
        )
    }
}

impl Cell for Kind {
    fn parse_cell(text: &str) -> Result<Kind, String> {
        text.parse()
    }
}

impl Cell for String {
    fn parse_cell(text: &str) -> Result<String, String> {
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_in_iso_and_excel_form() {
        assert_eq!(NaiveDate::parse_cell("2027-09-01"), Ok(date(2027, 9, 1)));
        assert_eq!(NaiveDate::parse_cell("2027/9/1"), Ok(date(2027, 9, 1)));
        assert_eq!(NaiveDate::parse_cell("1999/12/31"), Ok(date(1999, 12, 31)));
        for bad in [
            "2027-13-01",
            "2027/2/30",
            "27/9/1",
            "2027-09",
            "2027-9-1-1",
            "x",
            "2027-0a-01",
        ] {
            assert!(NaiveDate::parse_cell(bad).is_err(), "{bad}");
        }
        assert!(NaiveDate::parse_cell("2027/2/30")
            .unwrap_err()
            .contains("not a day"));
        assert_eq!(NaiveDate::parse_cell("2015.9.1"), Ok(date(2015, 9, 1)));
        assert_eq!(NaiveDate::parse_cell("2018年9月1日"), Ok(date(2018, 9, 1)));
        assert_eq!(
            NaiveDate::parse_cell("2018年09月01日"),
            Ok(date(2018, 9, 1))
        );
        for bad in [
            "2018年9月1",
            "2018年9月日",
            "2018.9/1",
            "2018年2月30日",
            "9.1",
        ] {
            assert!(NaiveDate::parse_cell(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn booleans_in_every_spelling() {
        for yes in ["1", "true", "TRUE", "Yes", "y", "是"] {
            assert_eq!(bool::parse_cell(yes), Ok(true), "{yes}");
        }
        for no in ["0", "false", "No", "N", "否"] {
            assert_eq!(bool::parse_cell(no), Ok(false), "{no}");
        }
        assert!(bool::parse_cell("男").is_err());
        assert!(bool::parse_cell("maybe").unwrap_err().contains("是/否"));
    }

    #[test]
    fn counts_refuse_negatives_and_fractions() {
        assert_eq!(u32::parse_cell("3"), Ok(3));
        assert_eq!(u32::parse_cell("3.0"), Ok(3));
        assert_eq!(u32::parse_cell("-1").unwrap_err(), "must not be negative");
        assert_eq!(
            u32::parse_cell("2.5").unwrap_err(),
            "expected a whole number"
        );
        assert!(f64::parse_cell("NaN").is_err());
        assert!(f64::parse_cell("inf").is_err());
    }

    #[test]
    fn enums_accept_english_any_case_and_chinese() {
        assert_eq!(Area::parse_cell("Rural"), Ok(Area::Rural));
        assert_eq!(Area::parse_cell("镇区"), Ok(Area::Town));
        assert_eq!(GroupRole::parse_cell("牵头校"), Ok(GroupRole::Lead));
        assert_eq!(Gender::parse_cell("女"), Ok(Gender::F));
        assert_eq!(Title::parse_cell("正高级"), Ok(Title::Professor));
        assert_eq!(Title::parse_cell("一级教师"), Ok(Title::First));
        assert_eq!(Title::parse_cell("中小学一级教师"), Ok(Title::First));
        assert_eq!(Title::parse_cell("中学高级教师"), Ok(Title::Senior));
        assert!(Title::parse_cell("小学一级教师").is_err());
        assert_eq!(Backbone::parse_cell("县级骨干教师"), Ok(Backbone::County));
        assert_eq!(Backbone::parse_cell("市级学科带头人"), Ok(Backbone::City));
        assert!(Backbone::parse_cell("骨干教师").is_err());
        assert_eq!(Kind::parse_cell("顶岗学习"), Ok(Kind::Shadow));
        assert_eq!(Backbone::parse_cell("NATIONAL"), Ok(Backbone::National));
        assert_eq!(Kind::parse_cell("支教"), Ok(Kind::Support));
        assert_eq!(Kind::parse_cell("挂职锻炼"), Ok(Kind::Secondment));
        assert_eq!(Post::parse_cell("中层干部"), Ok(Post::Middle));
        assert_eq!(Post::parse_cell("副校长"), Ok(Post::VicePrincipal));
        assert_eq!(Post::parse_cell("vice_principal"), Ok(Post::VicePrincipal));
        assert_eq!(Post::parse_cell("教师"), Ok(Post::Teacher));
        assert!(Post::parse_cell("主席").is_err());
        let err = Area::parse_cell("suburb").unwrap_err();
        assert_eq!(err, "expected one of urban, town, rural (城区/镇区/乡村)");
    }
}
