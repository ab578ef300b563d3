//! The teachers of a school: age, career, titles, backbone honours,
//! qualifications and the personal circumstances that exempt some of them.
//!
//! Every figure is drawn so that the eligibility rules have real work to do:
//! about two in five teachers have six or more years at their school
//! (rotation is due), the near-retirement exemption arises from the age
//! profile by itself, a few teachers are exempt or cooling down from a
//! recent exchange, and many first-grade (一级) teachers in town have never
//! taught in a village, which they need for promotion.

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::seq::SliceRandom;
use rand::Rng;

use super::geography::{PlannedSchool, Site};
use super::names;
use super::posts::{Staffing, SUBJECTS};
use crate::domain::calendar::full_years;
use crate::domain::{Backbone, Gender, Post, SchoolIx, Subject, Teacher, Title};

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("generated dates are valid")
}

/// A date `years` whole calendar years (and a few days more) before the
/// horizon's first day, so that a count taken at that day gives `years`.
fn years_before<R: Rng>(rng: &mut R, first_day: NaiveDate, years: i32, max_days: u64) -> NaiveDate {
    let anniversary = first_day
        .checked_sub_months(Months::new(12 * years.max(0) as u32))
        .expect("generated dates are in range");
    anniversary - Days::new(rng.gen_range(1..=max_days))
}

fn pick<'a, R: Rng, T>(rng: &mut R, options: &'a [(T, f64)]) -> &'a T {
    let total: f64 = options.iter().map(|(_, w)| w).sum();
    let mut u = rng.gen_range(0.0..total);
    for (value, w) in options {
        if u < *w {
            return value;
        }
        u -= w;
    }
    &options[options.len() - 1].0
}

/// The teachers of one school, ids numbered from `next_id`.
pub(crate) fn teachers<R: Rng>(
    rng: &mut R,
    school_ix: SchoolIx,
    planned: &PlannedSchool,
    staffing: &Staffing,
    first_day: NaiveDate,
    mut id: impl FnMut() -> String,
) -> Vec<Teacher> {
    let mut primaries: Vec<usize> = staffing
        .staff
        .iter()
        .enumerate()
        .flat_map(|(subject, &n)| std::iter::repeat_n(subject, n as usize))
        .collect();
    // A staff list is not sorted by subject.
    primaries.shuffle(rng);
    let mut teachers: Vec<Teacher> = primaries
        .into_iter()
        .map(|subject| teacher(rng, id(), school_ix, planned, subject, first_day))
        .collect();
    appoint_cadres(&mut teachers, first_day);
    teachers
}

/// Gives the school its cadres (干部): a principal and a vice principal,
/// the most senior by title and years of teaching, and middle managers
/// (中层: 教务, 德育, 总务, 教科研) among the promising mid-career teachers,
/// backbone first: 2 at a school under 20 teachers, 3 under 40, 4 from
/// 40. A teaching point (under 10 teachers) is run by a head (校长) with
/// one middle manager and no vice principal. Draws nothing from the random
/// stream, so the rest of the data set is the same with or without posts.
fn appoint_cadres(teachers: &mut [Teacher], first_day: NaiveDate) {
    let n = teachers.len();
    let (vice, middle) = match n {
        0..=9 => (0, 1),
        10..=19 => (1, 2),
        20..=39 => (1, 3),
        _ => (1, 4),
    };
    let mut senior: Vec<usize> = (0..n).collect();
    senior.sort_by_key(|&i| {
        let t = &teachers[i];
        (std::cmp::Reverse(t.title), t.hire_date, t.id.clone())
    });
    let mut leaders = senior.into_iter();
    for post in
        std::iter::once(Post::Principal).chain(std::iter::repeat_n(Post::VicePrincipal, vice))
    {
        if let Some(i) = leaders.next() {
            teachers[i].post = post;
        }
    }
    let mut managers: Vec<usize> = (0..n)
        .filter(|&i| teachers[i].post == Post::Teacher)
        .collect();
    // Mid-career (8 to 20 years of teaching) first, backbone first among
    // them, then the longer serving.
    managers.sort_by_key(|&i| {
        let t = &teachers[i];
        let mid_career = (8..=20).contains(&full_years(t.hire_date, first_day));
        (
            std::cmp::Reverse(mid_career),
            std::cmp::Reverse(t.backbone),
            t.hire_date,
            t.id.clone(),
        )
    });
    for &i in managers.iter().take(middle) {
        teachers[i].post = Post::Middle;
    }
}

fn teacher<R: Rng>(
    rng: &mut R,
    id: String,
    school: SchoolIx,
    planned: &PlannedSchool,
    primary: usize,
    first_day: NaiveDate,
) -> Teacher {
    let site = planned.site;
    let village = planned.school.is_rural_or_weak();
    let p_female = match SUBJECTS[primary].name {
        "体育" => 0.3,
        "信息技术" | "科学" => 0.5,
        "数学" => 0.6,
        _ => 0.72,
    };
    let gender = if rng.gen_bool(p_female) {
        Gender::F
    } else {
        Gender::M
    };
    let age = age(rng, site, gender);
    // Born so that the age at the horizon's first day is exactly `age`.
    let birth_date = years_before(rng, first_day, age, 364);

    let hire_age = *pick(rng, &[(22, 0.35), (23, 0.35), (24, 0.2), (26, 0.1)]);
    let teaching_years = (age - hire_age).max(0);
    let hire_date = years_before(rng, first_day, teaching_years, 20);
    let years_at_school = years_at_school(rng, teaching_years);
    let school_since = if years_at_school == teaching_years {
        hire_date
    } else {
        years_before(rng, first_day, years_at_school, 20)
    };

    let mut subjects = vec![Subject::new(SUBJECTS[primary].name)];
    let p_second = match site {
        Site::TeachingPoint => 0.5,
        _ if village => 0.33,
        _ => 0.22,
    };
    if rng.gen_bool(p_second) {
        if let Some(&second) = SUBJECTS[primary].seconds.choose(rng) {
            subjects.push(Subject::new(SUBJECTS[second].name));
        }
    }

    let title = title(rng, teaching_years);
    let backbone = backbone(rng, planned, teaching_years, title);
    let earlier = teaching_years - years_at_school;
    let mut rural_years = if village {
        years_at_school
            + if rng.gen_bool(0.5) {
                rng.gen_range(0..=earlier)
            } else {
                0
            }
    } else if earlier >= 1 && rng.gen_bool(0.45) {
        rng.gen_range(1..=earlier.min(6))
    } else {
        0
    };

    let exempt = rng.gen_bool(0.03).then(|| {
        let reasons: &[&str] = if gender == Gender::F && age < 40 {
            &["孕期", "哺乳期", "病假", "借调"]
        } else {
            &["病假", "借调", "脱产进修"]
        };
        reasons.choose(rng).copied().unwrap_or("病假").to_string()
    });

    // A past exchange lies within the current tenure; half of them ended
    // last year, so the teacher is still cooling down.
    let last_exchange_end = (years_at_school >= 3 && rng.gen_bool(0.06)).then(|| {
        let year = first_day.year();
        if rng.gen_bool(0.5) {
            if rng.gen_bool(0.5) {
                ymd(year - 1, 7, 10)
            } else {
                ymd(year - 1, 1, 20)
            }
        } else {
            ymd(year - rng.gen_range(2..years_at_school), 7, 10)
        }
    });
    if last_exchange_end.is_some() && !village && rural_years < teaching_years {
        rural_years += 1;
    }

    let p_volunteer = if village && teaching_years <= 5 {
        0.4
    } else {
        0.065
    };
    let volunteer = exempt.is_none() && rng.gen_bool(p_volunteer);

    Teacher {
        id,
        name: names::person(rng, gender),
        gender,
        birth_date,
        school,
        subjects,
        hire_date,
        school_since,
        title,
        backbone,
        post: Post::Teacher,
        rural_years: rural_years as f64,
        exempt,
        spouse: None,
        last_exchange_end,
        volunteer,
    }
}

/// Age at the horizon's first day. Village schools are younger (new
/// graduates start there, often on the 特岗 scheme) and older (teachers who
/// never left); women retire at 55, so none are older than 54.
fn age<R: Rng>(rng: &mut R, site: Site, gender: Gender) -> i32 {
    let bands: &[((i32, i32), f64)] = match site {
        Site::Urban => &[
            ((23, 29), 0.18),
            ((30, 39), 0.32),
            ((40, 49), 0.32),
            ((50, 59), 0.18),
        ],
        Site::Town => &[
            ((23, 29), 0.22),
            ((30, 39), 0.30),
            ((40, 49), 0.30),
            ((50, 59), 0.18),
        ],
        Site::Rural | Site::TeachingPoint => &[
            ((23, 29), 0.30),
            ((30, 39), 0.22),
            ((40, 49), 0.26),
            ((50, 59), 0.22),
        ],
    };
    let (low, high) = *pick(rng, bands);
    let high = if gender == Gender::F {
        high.min(54)
    } else {
        high
    };
    rng.gen_range(low..=high)
}

/// Years at the current school: a young teacher is mostly still at the
/// first school; of the others about three in five have stayed six years or
/// more (rotation is due), the rest moved recently.
fn years_at_school<R: Rng>(rng: &mut R, teaching_years: i32) -> i32 {
    if teaching_years < 6 {
        if rng.gen_bool(0.6) {
            teaching_years
        } else {
            rng.gen_range(0..=teaching_years)
        }
    } else if rng.gen_bool(0.62) {
        rng.gen_range(6..=teaching_years)
    } else {
        rng.gen_range(0..=5)
    }
}

/// Title by career length: 二级 after the probation year, 一级 after some
/// years, 高级 for a part of the experienced, 正高级 rare.
fn title<R: Rng>(rng: &mut R, teaching_years: i32) -> Title {
    use Title::*;
    match teaching_years {
        0 => None,
        1..=2 => *pick(rng, &[(Third, 0.3), (Second, 0.7)]),
        3..=8 => *pick(rng, &[(Second, 0.65), (First, 0.35)]),
        9..=19 => *pick(rng, &[(Second, 0.17), (First, 0.75), (Senior, 0.08)]),
        _ => *pick(
            rng,
            &[
                (Second, 0.05),
                (First, 0.6),
                (Senior, 0.34),
                (Professor, 0.01),
            ],
        ),
    }
}

/// Backbone honours go to experienced teachers, mostly in urban schools and
/// group leads (that is why shadowing goes there).
fn backbone<R: Rng>(
    rng: &mut R,
    planned: &PlannedSchool,
    teaching_years: i32,
    title: Title,
) -> Backbone {
    if teaching_years < 8 {
        return Backbone::None;
    }
    let lead = planned.school.is_group_lead();
    let base = match planned.site {
        Site::Urban if lead => 0.28,
        Site::Urban => 0.22,
        Site::Town if lead => 0.18,
        Site::Town => 0.10,
        Site::Rural => 0.05,
        Site::TeachingPoint => 0.02,
    };
    let p = if title >= Title::Senior {
        (base * 1.5f64).min(0.9)
    } else {
        base
    };
    if !rng.gen_bool(p) {
        return Backbone::None;
    }
    *pick(
        rng,
        &[
            (Backbone::County, 0.7),
            (Backbone::City, 0.25),
            (Backbone::Province, 0.05),
        ],
    )
}
