//! `explain`: why a teacher is in the roster, and what the plan would lose
//! without them; or why not, kind by kind: the rules that leave the
//! teacher no exchange of that kind at all, or else the teacher's best
//! placement, its cost tier by tier and whom it displaces.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::{cost_lines, Alternative, Around, Baseline, Better, Planner};
use crate::domain::{Exchange, Kind, Refusal, Rule, TeacherIx};
use crate::lang::{tr, Language};
use crate::model::candidates::{kind_refusal, refusal, teacher_refusal};
use crate::model::{rules, Context, Family, Model, Sense};
use crate::report::describe_exchange;
use crate::report::reasons::meaning;
use crate::solve::explain::conflict;
use crate::solve::RunStatus;

/// The answer for one teacher.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Explanation {
    Rostered {
        teacher_id: String,
        exchange: String,
        reasons: Vec<Reason>,
        /// The best roster with the teacher kept home.
        without: Alternative,
    },
    NotRostered {
        teacher_id: String,
        kinds: Vec<KindVerdict>,
        /// The best roster that sends the teacher, if any kind is possible.
        best: Option<Placement>,
    },
}

#[derive(Clone, Debug, Serialize)]
pub struct Reason {
    pub code: String,
    pub meaning: String,
}

/// Whether a kind is open to the teacher, and if not, why not.
#[derive(Clone, Debug, Serialize)]
pub struct KindVerdict {
    pub kind: Kind,
    /// Some exchange of this kind passes every single-exchange rule.
    pub possible: bool,
    /// The rules that refuse every exchange of this kind, with how many
    /// schools each refuses and one example.
    pub blocked_by: Vec<Blocking>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Blocking {
    pub rule: Rule,
    pub(crate) number: Option<u8>,
    pub(crate) name: &'static str,
    pub(crate) name_zh: &'static str,
    /// Hosts this rule refuses (0: the rule refuses the teacher or the kind
    /// whatever the host).
    pub(crate) schools: usize,
    pub example: String,
}

/// The teacher's best placement: the best roster that sends them.
#[derive(Clone, Debug, Serialize)]
pub struct Placement {
    pub(crate) exchange: Option<String>,
    /// Teachers of the baseline who lose or change their exchange.
    pub displaces: Vec<String>,
    pub alternative: Alternative,
}

impl Placement {
    /// Teacher `t`'s placement in `alternative`.
    fn of(planner: &Planner, t: TeacherIx, alternative: Alternative) -> Placement {
        let teacher_id = &planner.dataset.teachers[t].id;
        Placement {
            exchange: alternative
                .exchange_of(t)
                .map(|e| describe_exchange(planner.dataset, planner.horizon, e)),
            displaces: alternative
                .changes
                .iter()
                .filter(|c| &c.teacher_id != teacher_id && c.before.is_some())
                .map(|c| c.teacher_id.clone())
                .collect(),
            alternative,
        }
    }
}

/// Explains teacher `t` against `baseline`.
pub fn explain(planner: &Planner, baseline: &Baseline, t: TeacherIx) -> Explanation {
    explain_sharing(planner, baseline, t, 1)
}

/// Explains each of `teachers` against `baseline`, side by side, in the
/// order given (`rotaplan explain` with several teachers).
pub fn explain_all(
    planner: &Planner,
    baseline: &Baseline,
    teachers: &[TeacherIx],
) -> Vec<Explanation> {
    planner.side_by_side(teachers, |&t, parallel| {
        explain_sharing(planner, baseline, t, parallel)
    })
}

/// [`explain`], `parallel` explanations running at once.
fn explain_sharing(
    planner: &Planner,
    baseline: &Baseline,
    t: TeacherIx,
    parallel: usize,
) -> Explanation {
    let dataset = planner.dataset;
    let teacher_id = dataset.teachers[t].id.clone();
    let unit = planner.unit_of(t);
    let ctx = planner.context(unit);
    if let Some(exchange) = baseline.exchanges.iter().find(|e| e.teacher == t) {
        let codes = baseline.reasons.get(&t).cloned().unwrap_or_default();
        let reasons = codes
            .split(';')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|code| Reason {
                code: code.to_string(),
                meaning: meaning(code),
            })
            .collect();
        let name = format!("explain_stays[{teacher_id}]");
        // Only a baseline solved here proves the unit's model has a roster,
        // so that the lock is the whole conflict (a roster given with
        // `--roster` may hold a lock no candidate can take).
        let solved_here = unit
            .counties
            .first()
            .is_some_and(|c| baseline.objective.contains_key(c));
        let lock = solved_here.then(|| rules::lock_row(&ctx, t)).flatten();
        let without = match lock {
            // Their lock holds them in every roster: keeping them home is
            // infeasible, and the lock against the question is known
            // without solving (the relaxations that name it took four
            // minutes on a 150-school county).
            Some(lock) => Alternative::without_roster(
                &RunStatus::Infeasible,
                vec![conflict(Family::Locks, &[(&lock, 1.0), (&name, 1.0)])],
            ),
            None => {
                let around = Around::teacher(baseline, t, &[]);
                sent_or_kept(planner, baseline, t, parallel, &around, name, 0.0)
            }
        };
        return Explanation::Rostered {
            exchange: describe_exchange(dataset, planner.horizon, exchange),
            teacher_id,
            reasons,
            without,
        };
    }
    let kinds: Vec<KindVerdict> = Kind::ALL
        .iter()
        .map(|&kind| kind_verdict(&ctx, t, kind))
        .collect();
    let best = kinds.iter().any(|k| k.possible).then(|| {
        let name = format!("explain_goes[{teacher_id}]");
        // Where the teacher would go is the question: the start only
        // opens their own exchange, and the full searches find the place.
        let around = Around {
            near: false,
            ..Around::teacher(baseline, t, &[])
        };
        let alternative = sent_or_kept(planner, baseline, t, parallel, &around, name, 1.0);
        Placement::of(planner, t, alternative)
    });
    Explanation::NotRostered {
        teacher_id,
        kinds,
        best,
    }
}

/// The best roster with teacher `t` sent (`exchanges` 1) or kept home
/// (0) by the row `name`, settled with the teacher kept as the baseline has
/// them ([`Planner::settle`]).
fn sent_or_kept(
    planner: &Planner,
    baseline: &Baseline,
    t: TeacherIx,
    parallel: usize,
    around: &Around,
    name: String,
    exchanges: f64,
) -> Alternative {
    let force = Arc::new(move |model: &mut Model| {
        let theirs: Vec<usize> = (0..model.candidates.len())
            .filter(|&c| model.candidates[c].exchange.teacher == t)
            .collect();
        model.force(&name, &theirs, Sense::Equal, exchanges);
    });
    let unit = planner.unit_of(t);
    let mut alternative = planner.alternative(baseline, unit, parallel, around, force);
    let (_, better) = planner.settle(baseline, unit, &[t], parallel, &mut [&mut alternative]);
    alternative.against_better = better;
    alternative
}

/// Whether any exchange of `kind` passes the single-exchange rules for
/// teacher `t`, and otherwise which rules refuse them, host by host.
fn kind_verdict(ctx: &Context, t: TeacherIx, kind: Kind) -> KindVerdict {
    let whole = teacher_refusal(ctx, t).or_else(|| kind_refusal(ctx, t, kind));
    if let Some(refused) = whole {
        return KindVerdict {
            kind,
            possible: false,
            blocked_by: vec![blocking(refused, 0)],
        };
    }
    let teacher = &ctx.dataset.teachers[t];
    let spans = kind.spans(ctx.policy, ctx.horizon);
    let mut by_rule: BTreeMap<Rule, (usize, Refusal)> = BTreeMap::new();
    for &host in &ctx.unit.schools {
        if host == teacher.school {
            continue;
        }
        let mut first = None;
        for subject in &teacher.subjects {
            for &span in &spans {
                let exchange = Exchange::over_span(t, kind, subject, host, span);
                match refusal(ctx, &exchange) {
                    None => {
                        return KindVerdict {
                            kind,
                            possible: true,
                            blocked_by: vec![],
                        }
                    }
                    Some(refused) => {
                        first.get_or_insert(refused);
                    }
                }
            }
        }
        if let Some(refused) = first {
            by_rule.entry(refused.rule).or_insert((0, refused)).0 += 1;
        }
    }
    if by_rule.is_empty() && spans.is_empty() {
        let why = tr!(AdviseNoSpan, kind = Language::current().kind(kind));
        by_rule.insert(Rule::Eligibility, (0, Refusal::new(Rule::Eligibility, why)));
    }
    KindVerdict {
        kind,
        possible: false,
        blocked_by: by_rule
            .into_values()
            .map(|(schools, refused)| blocking(refused, schools))
            .collect(),
    }
}

fn blocking(refused: Refusal, schools: usize) -> Blocking {
    Blocking {
        rule: refused.rule,
        number: refused.rule.number(),
        name: refused.rule.name(),
        name_zh: refused.rule.name_zh(),
        schools,
        example: refused.why,
    }
}

/// The explanation for people, one line per fact.
pub(crate) fn render(explanation: &Explanation) -> Vec<String> {
    let mut lines = Vec::new();
    match explanation {
        Explanation::Rostered {
            teacher_id,
            exchange,
            reasons,
            without,
        } => {
            lines.push(tr!(
                AdviseInRoster,
                teacher = teacher_id,
                exchange = exchange
            ));
            lines.push(tr!(AdviseWhy));
            for reason in reasons {
                lines.push(format!("  {}: {}", reason.code, reason.meaning));
            }
            lines.push(tr!(AdviseWithout));
            lines.extend(alternative_lines(without));
        }
        Explanation::NotRostered {
            teacher_id,
            kinds,
            best,
        } => {
            lines.push(tr!(AdviseNotInRoster, teacher = teacher_id));
            for verdict in kinds {
                let kind = Language::current().kind(verdict.kind);
                if verdict.possible {
                    lines.push(tr!(AdvisePossible, kind = kind));
                    continue;
                }
                for b in &verdict.blocked_by {
                    let at = match b.schools {
                        0 => String::new(),
                        n => tr!(AdviseAtSchools, n = n),
                    };
                    lines.push(tr!(
                        AdviseBlocked,
                        kind = kind,
                        rule = b.rule,
                        at = at,
                        example = b.example
                    ));
                }
            }
            match best {
                None => lines.push(tr!(AdviseNothingOpen)),
                Some(placement) => {
                    match &placement.exchange {
                        Some(exchange) => lines.push(tr!(AdviseBest, exchange = exchange)),
                        None => lines.push(tr!(AdviseNoRosterSends)),
                    }
                    lines.extend(alternative_lines(&placement.alternative));
                    if !placement.displaces.is_empty() {
                        let teachers = placement.displaces.join(", ");
                        lines.push(tr!(AdviseDisplaces, teachers = teachers));
                    }
                }
            }
        }
    }
    lines
}

/// The line saying an answer is costed against a roster better than the
/// baseline.
pub(crate) fn against_better_line(better: &Better) -> String {
    let by = crate::check::score::round(better.by);
    tr!(AdviseAgainstBetter, by = by, rows = better.rows)
}

/// An alternative's cost and changes, indented.
pub(crate) fn alternative_lines(alternative: &Alternative) -> Vec<String> {
    if !alternative.has_roster() {
        let mut lines = vec![format!("  {}", alternative.status)];
        lines.extend(alternative.conflicts.iter().map(|c| format!("  {c}")));
        return lines;
    }
    let mut lines = vec![tr!(AdviseCost, words = alternative.cost_in_words)];
    lines.extend(
        cost_lines(alternative)
            .into_iter()
            .map(|l| format!("    {l}")),
    );
    if let Some(d) = alternative.objective_difference {
        let difference = crate::check::score::signed(d);
        lines.push(tr!(AdviseObjective, difference = difference));
    }
    if let Some(better) = &alternative.against_better {
        lines.push(against_better_line(better));
    }
    for change in &alternative.changes {
        lines.push(format!("  {change}"));
    }
    lines
}
