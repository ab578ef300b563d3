//! Subject typos (SPEC §3). Subjects are free strings, so `英文` where the
//! rest of the data says `英语`, or `数学、科学` typed with the Chinese
//! enumeration comma instead of `;`, loads cleanly and then invents
//! shortages: nobody can fill the demand, and the teacher fills none. A
//! subject that only one side names (teachers but no demand anywhere, or
//! demand but no teacher anywhere) is warned about, naming the closest
//! subject the other side does name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::domain::{Subject, Teacher};
use crate::lang::tr;

use super::demand::Demand;
use super::table::Problems;
use super::Diagnostic;

/// Characters people use to list subjects where the file wants `;`.
const LIST_SEPARATORS: [char; 5] = ['、', ',', '，', '/', '|'];

/// How many ids a warning names before "and N more".
const NAMED: usize = 3;

/// Warns once per subject that teachers name and no demand row does, and
/// once per demanded subject that no teacher names.
pub(super) fn warn_unmatched(
    dir: &Path,
    teachers: &[Teacher],
    demand: &Demand,
    problems: &Problems,
) {
    let mut taught: BTreeMap<&Subject, Vec<&str>> = BTreeMap::new();
    for teacher in teachers {
        for subject in &teacher.subjects {
            taught.entry(subject).or_default().push(&teacher.id);
        }
    }
    let mut demanded: BTreeMap<&Subject, BTreeSet<usize>> = BTreeMap::new();
    for (school, subject) in demand.keys() {
        demanded.entry(subject).or_default().insert(*school);
    }
    let demanded_names: Vec<&str> = demanded.keys().map(|s| s.as_str()).collect();
    let taught_names: Vec<&str> = taught.keys().map(|s| s.as_str()).collect();
    for (subject, ids) in &taught {
        if !demanded.contains_key(subject) {
            problems.warn(Diagnostic {
                column: Some("subjects".into()),
                value: Some(subject.to_string()),
                ..Diagnostic::file(
                    &dir.join(super::teachers::FILE),
                    tr!(
                        SubjectNotDemanded,
                        teachers = named(ids.iter().copied()),
                        advice = advice(subject.as_str(), &demanded_names)
                    ),
                )
            });
        }
    }
    for (subject, schools) in &demanded {
        if !taught.contains_key(subject) {
            problems.warn(Diagnostic {
                column: Some("subject".into()),
                value: Some(subject.to_string()),
                ..Diagnostic::file(
                    &dir.join(super::demand::FILE),
                    tr!(
                        SubjectNotTaught,
                        n = schools.len(),
                        advice = advice(subject.as_str(), &taught_names)
                    ),
                )
            });
        }
    }
}

/// `T1, T2, T3 and 4 more`.
fn named<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = ids.len();
    let mut text = ids.take(NAMED).collect::<Vec<_>>().join(", ");
    if total > NAMED {
        text.push_str(&tr!(AndMore, n = total - NAMED));
    }
    text
}

/// What the user most likely meant: a list of known subjects written with
/// the wrong separator, else the closest known subject.
fn advice(subject: &str, known: &[&str]) -> String {
    if subject.contains(LIST_SEPARATORS) {
        let pieces: Vec<&str> = subject
            .split(LIST_SEPARATORS)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        return tr!(SubjectList, subjects = pieces.join(";"));
    }
    match closest(subject, known) {
        Some(best) => tr!(SubjectClosest, subject = best),
        None => tr!(SubjectNoneKnown),
    }
}

/// The known subject at the smallest edit distance (ties: the first in
/// code-point order, so the advice is the same on every run).
fn closest<'a>(subject: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .filter(|k| **k != subject)
        .min_by_key(|k| (edit_distance(subject, k), **k))
        .copied()
}

/// Levenshtein distance over characters (not bytes: `英文` and `英语` are
/// one edit apart, not three).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("英文", "英语"), 1);
        assert_eq!(edit_distance("math", "maths"), 1);
        assert_eq!(edit_distance("", "物理"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("语文", "语文"), 0);
    }

    #[test]
    fn the_closest_subject_is_named() {
        let known = ["数学", "英语", "语文", "physics"];
        assert_eq!(closest("英文", &known), Some("英语"));
        assert_eq!(closest("physic", &known), Some("physics"));
        assert_eq!(closest("x", &[]), None);
        assert!(advice("英文", &known).contains("closest known subject: 英语"));
    }

    #[test]
    fn a_list_with_the_enumeration_comma_is_told_to_use_semicolons() {
        let text = advice("数学、科学", &["数学", "科学"]);
        assert!(
            text.contains("separate subjects with ';' (数学;科学)"),
            "{text}"
        );
    }

    #[test]
    fn long_id_lists_are_cut() {
        assert_eq!(named(["a", "b"].into_iter()), "a, b");
        assert_eq!(
            named(["a", "b", "c", "d", "e"].into_iter()),
            "a, b, c and 2 more"
        );
    }
}
