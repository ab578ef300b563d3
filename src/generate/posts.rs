//! Subjects, posts (编制) and how well each school is staffed in each.
//!
//! The pattern follows what county bureaus report. Town and urban schools
//! are fully staffed and often carry an extra 语文 or 数学 teacher, which is
//! what makes support postings (支教) possible without hurting them much.
//! Village schools are short in the "minor" subjects — 英语, 音乐, 体育,
//! 美术, 科学, 信息技术 — because graduates of those subjects are few and
//! rarely take a village post, so the school hires a general 语文/数学
//! teacher instead or leaves the post open. That leaves some village
//! schools over-staffed in 语文/数学, which is exactly where a young
//! teacher can leave for a term of shadowing (跟岗学习) without opening a
//! shortage at home. Other village schools have lost a 语文 or 数学 teacher
//! to the county town, the post the town's surplus teachers can fill: that
//! is what lets the county meet its rotation quota without emptying posts
//! in town.

use rand::Rng;

use super::geography::{PlannedSchool, Site};

/// One teaching subject of a primary school.
pub(crate) struct SubjectSpec {
    pub(crate) name: &'static str,
    /// Share of a school's posts.
    pub(crate) share: f64,
    /// Hard to staff in villages (see the module doc).
    pub(crate) scarce: bool,
    /// A school of at least this many posts has a post in the subject even
    /// when its share rounds to zero (every class has music, PE, …).
    pub(crate) min_one_from: usize,
    /// Subjects a teacher of this one is often also qualified in; a
    /// repeated entry is drawn more often.
    pub(crate) seconds: &'static [usize],
}

pub(crate) const CHINESE: usize = 0;
pub(crate) const MATH: usize = 1;
const ENGLISH: usize = 2;
const SCIENCE: usize = 3;
const MORALS: usize = 4;
const MUSIC: usize = 5;
// 体育 is 6.
const ART: usize = 7;
const IT: usize = 8;

pub(crate) const SUBJECTS: [SubjectSpec; 9] = [
    SubjectSpec {
        name: "语文",
        share: 0.28,
        scarce: false,
        min_one_from: 0,
        seconds: &[MORALS, MORALS, MUSIC, ART, ENGLISH],
    },
    SubjectSpec {
        name: "数学",
        share: 0.24,
        scarce: false,
        min_one_from: 0,
        seconds: &[SCIENCE, SCIENCE, SCIENCE, IT, IT],
    },
    SubjectSpec {
        name: "英语",
        share: 0.10,
        scarce: true,
        min_one_from: 0,
        seconds: &[MUSIC, CHINESE],
    },
    SubjectSpec {
        name: "科学",
        share: 0.07,
        scarce: true,
        min_one_from: 0,
        seconds: &[MATH, IT],
    },
    SubjectSpec {
        name: "道德与法治",
        share: 0.06,
        scarce: false,
        min_one_from: 12,
        seconds: &[CHINESE],
    },
    SubjectSpec {
        name: "音乐",
        share: 0.06,
        scarce: true,
        min_one_from: 0,
        seconds: &[ART, ART, CHINESE],
    },
    SubjectSpec {
        name: "体育",
        share: 0.08,
        scarce: true,
        min_one_from: 0,
        seconds: &[SCIENCE, MORALS, MORALS],
    },
    SubjectSpec {
        name: "美术",
        share: 0.06,
        scarce: true,
        min_one_from: 0,
        seconds: &[MUSIC, MUSIC, IT],
    },
    SubjectSpec {
        name: "信息技术",
        share: 0.05,
        scarce: true,
        min_one_from: 12,
        seconds: &[MATH, SCIENCE],
    },
];

/// Per-subject figures of one school, indexed like [`SUBJECTS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Staffing {
    pub(crate) posts: [u32; 9],
    /// Own teachers whose primary subject this is.
    pub(crate) staff: [u32; 9],
    /// A spring term with one more post in a subject (a class opening
    /// mid-year): the one demand row with a `term`.
    pub(crate) spring_extra: Option<usize>,
}

/// Posts for a school of `size`: each subject's share by largest remainder,
/// then the per-subject minimums.
pub(crate) fn posts_for(size: usize) -> [u32; 9] {
    let quotas: Vec<f64> = SUBJECTS.iter().map(|s| s.share * size as f64).collect();
    let mut posts: [u32; 9] = std::array::from_fn(|i| quotas[i].floor() as u32);
    let assigned: u32 = posts.iter().sum();
    let mut order: Vec<usize> = (0..SUBJECTS.len()).collect();
    // Largest fractional part first; ties by subject order, so it is stable.
    order.sort_by(|&a, &b| {
        (quotas[b] - quotas[b].floor())
            .total_cmp(&(quotas[a] - quotas[a].floor()))
            .then(a.cmp(&b))
    });
    for &i in order
        .iter()
        .take((size as u32).saturating_sub(assigned) as usize)
    {
        posts[i] += 1;
    }
    for (p, spec) in posts.iter_mut().zip(&SUBJECTS) {
        if size >= spec.min_one_from {
            *p = (*p).max(1);
        }
    }
    posts
}

/// Posts and staff of one planned school.
pub(crate) fn staff<R: Rng>(rng: &mut R, planned: &PlannedSchool) -> Staffing {
    let posts = posts_for(planned.size);
    let mut staff = posts;
    let core = |rng: &mut R, staff: &mut [u32; 9], n: u32| {
        for _ in 0..n {
            staff[if rng.gen_bool(0.55) { CHINESE } else { MATH }] += 1;
        }
    };
    match planned.site {
        Site::Urban | Site::Town if !planned.school.weak => {
            if rng.gen_bool(0.65) {
                let extra = if planned.site == Site::Urban && rng.gen_bool(0.3) {
                    2
                } else {
                    1
                };
                core(rng, &mut staff, extra);
            }
            if rng.gen_bool(0.25) {
                let minor = rng.gen_range(ENGLISH..=IT);
                if staff[minor] >= 2 {
                    staff[minor] -= 1;
                }
            }
        }
        // The smallest points (two or three classes) have just their
        // 语文 and 数学 teachers and one more general teacher.
        Site::TeachingPoint if planned.size <= 3 => {
            for i in (0..SUBJECTS.len()).filter(|&i| SUBJECTS[i].scarce) {
                staff[i] = 0;
            }
            core(rng, &mut staff, 1);
        }
        Site::TeachingPoint => {
            for i in (0..SUBJECTS.len()).filter(|&i| SUBJECTS[i].scarce) {
                if rng.gen_bool(0.85) {
                    let open = staff[i];
                    staff[i] = 0;
                    let general = (0..open).filter(|_| rng.gen_bool(0.35)).count() as u32;
                    core(rng, &mut staff, general);
                }
            }
        }
        // Villages, and a weak town school, which staffs like one.
        _ => {
            let p_short = if planned.school.weak { 0.6 } else { 0.5 };
            for i in (0..SUBJECTS.len()).filter(|&i| SUBJECTS[i].scarce) {
                if rng.gen_bool(p_short) {
                    let open = if rng.gen_bool(0.3) { 2 } else { 1 };
                    staff[i] = staff[i].saturating_sub(open);
                }
            }
            if rng.gen_bool(0.45) {
                let extra = rng.gen_range(1..=2);
                core(rng, &mut staff, extra);
            } else if rng.gen_bool(0.6) {
                let lost = if rng.gen_bool(0.5) { CHINESE } else { MATH };
                staff[lost] = staff[lost].saturating_sub(1);
            }
        }
    }
    let spring_extra = (planned.site == Site::Rural && rng.gen_bool(0.08)).then_some(ENGLISH);
    Staffing {
        posts,
        staff,
        spring_extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_to_one() {
        let total: f64 = SUBJECTS.iter().map(|s| s.share).sum();
        assert!((total - 1.0).abs() < 1e-9);
    }

    #[test]
    fn posts_cover_the_school_and_every_class_subject() {
        let posts = posts_for(50);
        assert_eq!(posts.iter().sum::<u32>(), 50);
        assert_eq!(posts[CHINESE], 14);
        let tiny = posts_for(5);
        assert!(tiny
            .iter()
            .enumerate()
            .all(|(i, &p)| p >= 1 || i == MORALS || i == IT));
        assert_eq!(tiny[MORALS], 0);
    }
}
