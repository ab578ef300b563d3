//! Writes a data set in the canonical form of SPEC §3: English headers,
//! `YYYY-MM-DD` dates, `true`/`false`, English enum values. Counties are
//! streamed one after another into the open writers, so a province-sized
//! data set never has to sit in memory.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use chrono::NaiveDate;

use super::posts::SUBJECTS;
use crate::domain::{
    Area, Backbone, Dataset, Gender, GroupRole, Horizon, Policy, SchoolIx, Subject, Title,
};
use crate::output::escape_formula;

const SCHOOLS: &[&str] = &[
    "id",
    "name",
    "county",
    "area",
    "weak",
    "group",
    "group_role",
    "lat",
    "lon",
    "beds",
    "priority",
];
const TEACHERS: &[&str] = &[
    "id",
    "name",
    "gender",
    "birth_date",
    "school_id",
    "subjects",
    "hire_date",
    "school_since",
    "title",
    "backbone",
    "post",
    "rural_years",
    "exempt",
    "spouse_id",
    "last_exchange_end",
    "volunteer",
];
const DEMAND: &[&str] = &["school_id", "subject", "posts", "term"];
const DISTANCES: &[&str] = &["from_id", "to_id", "km"];
const PREFERENCES: &[&str] = &["teacher_id", "school_id", "rank"];
const LOCKS: &[&str] = &[
    "teacher_id",
    "host_school_id",
    "kind",
    "subject",
    "start_term",
];
const FORBIDDEN: &[&str] = &["teacher_id", "school_id"];
const IN_FORCE: &[&str] = &[
    "teacher_id",
    "kind",
    "subject",
    "home_school_id",
    "host_school_id",
    "start_date",
    "end_date",
];

/// One CSV file of the data set. Every cell goes through the formula
/// escape that every reader takes off again (SPEC §4), like every other
/// file rotaplan writes.
struct Csv(csv::Writer<BufWriter<File>>);

impl Csv {
    fn write_record<I, S>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells = cells
            .into_iter()
            .map(|cell| escape_formula(cell.as_ref()).into_owned());
        Ok(self.0.write_record(cells)?)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// The open CSV files of a data set being generated.
pub(crate) struct Writers {
    schools: Csv,
    teachers: Csv,
    demand: Csv,
    distances: Csv,
    preferences: Csv,
    locks: Csv,
    forbidden: Csv,
    in_force: Csv,
}

fn open(dir: &Path, name: &str, header: &[&str]) -> io::Result<Csv> {
    let file = BufWriter::with_capacity(1 << 16, File::create(dir.join(name))?);
    let mut writer = Csv(csv::Writer::from_writer(file));
    writer.write_record(header)?;
    Ok(writer)
}

fn area(area: Area) -> &'static str {
    match area {
        Area::Urban => "urban",
        Area::Town => "town",
        Area::Rural => "rural",
    }
}

fn title(title: Title) -> &'static str {
    match title {
        Title::None => "none",
        Title::Third => "third",
        Title::Second => "second",
        Title::First => "first",
        Title::Senior => "senior",
        Title::Professor => "professor",
    }
}

fn backbone(backbone: Backbone) -> &'static str {
    match backbone {
        Backbone::None => "none",
        Backbone::County => "county",
        Backbone::City => "city",
        Backbone::Province => "province",
        Backbone::National => "national",
    }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A number as a person would type it: `3`, `1.5`.
fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

impl Writers {
    pub(crate) fn create(dir: &Path) -> io::Result<Writers> {
        Ok(Writers {
            schools: open(dir, "schools.csv", SCHOOLS)?,
            teachers: open(dir, "teachers.csv", TEACHERS)?,
            demand: open(dir, "demand.csv", DEMAND)?,
            distances: open(dir, "distances.csv", DISTANCES)?,
            preferences: open(dir, "preferences.csv", PREFERENCES)?,
            locks: open(dir, "locks.csv", LOCKS)?,
            forbidden: open(dir, "forbidden.csv", FORBIDDEN)?,
            in_force: open(dir, "in_force.csv", IN_FORCE)?,
        })
    }

    /// Appends one county. `distances` lists the road-distance overrides in
    /// the order to write them (the data set's map has no stable order).
    pub(crate) fn county(
        &mut self,
        data: &Dataset,
        distances: &[(SchoolIx, SchoolIx, f64)],
    ) -> io::Result<()> {
        let school_id = |s: SchoolIx| data.schools[s].id.as_str();
        let teacher_id = |t: usize| data.teachers[t].id.as_str();
        for s in &data.schools {
            let (lat, lon) = s
                .location
                .map(|(lat, lon)| (format!("{lat:.6}"), format!("{lon:.6}")))
                .unwrap_or_default();
            let role = match s.group_role {
                Some(GroupRole::Lead) => "lead",
                Some(GroupRole::Member) => "member",
                None => "",
            };
            let priority = if s.priority == 1.0 {
                String::new()
            } else {
                number(s.priority)
            };
            self.schools.write_record([
                s.id.as_str(),
                &s.name,
                &s.county,
                area(s.area),
                if s.weak { "true" } else { "false" },
                s.group.as_deref().unwrap_or(""),
                role,
                &lat,
                &lon,
                &s.beds.to_string(),
                &priority,
            ])?;
        }
        for t in &data.teachers {
            let subjects: Vec<&str> = t.subjects.iter().map(Subject::as_str).collect();
            self.teachers.write_record([
                t.id.as_str(),
                &t.name,
                match t.gender {
                    Gender::M => "M",
                    Gender::F => "F",
                },
                &date(Some(t.birth_date)),
                school_id(t.school),
                &subjects.join(";"),
                &date(Some(t.hire_date)),
                &date(Some(t.school_since)),
                title(t.title),
                backbone(t.backbone),
                t.post.as_str(),
                &number(t.rural_years),
                t.exempt.as_deref().unwrap_or(""),
                t.spouse.map(teacher_id).unwrap_or(""),
                &date(t.last_exchange_end),
                if t.volunteer { "true" } else { "false" },
            ])?;
        }
        // School by school, subjects in the usual timetable order.
        for s in 0..data.schools.len() {
            for spec in &SUBJECTS {
                let subject = Subject::new(spec.name);
                let Some(figure) = data.demand.get(&(s, subject)) else {
                    continue;
                };
                if let Some(posts) = figure.every_term {
                    self.demand.write_record([
                        school_id(s),
                        subject.as_str(),
                        &posts.to_string(),
                        "",
                    ])?;
                }
                for (term, posts) in &figure.by_term {
                    self.demand.write_record([
                        school_id(s),
                        subject.as_str(),
                        &posts.to_string(),
                        term,
                    ])?;
                }
            }
        }
        for &(from, to, km) in distances {
            self.distances
                .write_record([school_id(from), school_id(to), &format!("{km:.1}")])?;
        }
        for p in &data.preferences {
            self.preferences.write_record([
                teacher_id(p.teacher),
                school_id(p.school),
                &p.rank.to_string(),
            ])?;
        }
        for l in &data.locks {
            self.locks.write_record([
                teacher_id(l.teacher),
                l.host.map(school_id).unwrap_or(""),
                l.kind.map(|k| k.as_str()).unwrap_or(""),
                l.subject.as_ref().map(Subject::as_str).unwrap_or(""),
                l.start_term.as_deref().unwrap_or(""),
            ])?;
        }
        for &(t, s) in &data.forbidden {
            self.forbidden.write_record([teacher_id(t), school_id(s)])?;
        }
        for f in &data.in_force {
            let e = &f.exchange;
            self.in_force.write_record([
                teacher_id(e.teacher),
                e.kind.as_str(),
                e.subject.as_str(),
                school_id(data.teachers[e.teacher].school),
                school_id(e.host),
                &date(Some(f.start_date)),
                &date(Some(f.end_date)),
            ])?;
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> io::Result<()> {
        for mut writer in [
            self.schools,
            self.teachers,
            self.demand,
            self.distances,
            self.preferences,
            self.locks,
            self.forbidden,
            self.in_force,
        ] {
            writer.flush()?;
        }
        Ok(())
    }
}

/// A TOML float literal: `0.1`, `300.0`.
fn float(v: f64) -> String {
    format!("{v:?}")
}

/// `policy.toml` with the horizon and every other key as `policy` has it
/// (the defaults, but for the gap), each commented, so the file doubles as
/// the reference a user edits from.
pub(crate) fn policy(dir: &Path, horizon: &Horizon, policy: &Policy) -> io::Result<()> {
    let p = policy;
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line("# rotaplan policy (SPEC §3). Every key below is set to its default value;".into());
    line("# change what the county's rules differ on and delete the rest if you like.".into());
    line(String::new());
    line(
        "# \"soft\" penalises seniority inversions (objective tier 3); \"strict\" forbids them."
            .into(),
    );
    line(format!(
        "seniority = \"{}\"",
        match p.seniority {
            crate::domain::policy::SeniorityMode::Soft => "soft",
            crate::domain::policy::SeniorityMode::Strict => "strict",
        }
    ));
    line(String::new());
    line("# The terms being planned, consecutive and in order.".into());
    line("[horizon]".into());
    line("terms = [".into());
    for term in &horizon.terms {
        line(format!(
            "  {{ id = \"{}\", start = {}, end = {} }},",
            term.id,
            date(Some(term.start)),
            date(Some(term.end))
        ));
    }
    line("]".into());
    line(String::new());
    let e = &p.eligibility;
    line("[eligibility]".into());
    line(format!(
        "min_years_at_school = {}  # years at the current school before rotation is due",
        e.min_years_at_school
    ));
    line(format!(
        "retirement_age = {{ M = {}, F = {} }}  # statutory retirement age by gender",
        e.retirement_age.male, e.retirement_age.female
    ));
    line(format!(
        "retirement_exempt_years = {}  # no exchange this close to retirement",
        e.retirement_exempt_years
    ));
    line(format!(
        "cooldown_years = {}  # years after the last exchange before the next",
        e.cooldown_years
    ));
    line(String::new());
    line("[rotation]".into());
    line(format!(
        "years = {}  # a rotation (交流轮岗) moves the post for this many years",
        p.rotation.years
    ));
    line(String::new());
    line("[support]".into());
    line(format!(
        "terms = {}  # length of a support posting (支教): 2 = one year, or 1",
        p.support.terms
    ));
    line(format!(
        "min_teaching_years = {}  # years of teaching needed to go on support",
        p.support.min_teaching_years
    ));
    line(String::new());
    line("[shadow]".into());
    line(format!(
        "max_teaching_years = {}  # shadowing (跟岗学习) is for teachers this new or newer",
        p.shadow.max_teaching_years
    ));
    line(format!(
        "fills_post = {}  # true: 顶岗学习, the learner also takes a post at the host",
        p.shadow.fills_post
    ));
    line(String::new());
    line("[secondment]".into());
    line(format!(
        "terms = {}  # length of a cadre's secondment (挂职)",
        p.secondment.terms
    ));
    line(format!(
        "max_per_host = {}  # rule 12: seconded cadres a school receives in a term",
        p.secondment.max_per_host
    ));
    line(format!(
        "min_each_way = {}  # per group: cadres seconded lead -> members and members -> lead; 0 = no target",
        p.secondment.min_each_way
    ));
    line(String::new());
    line("[distance]".into());
    line(format!(
        "max_km = {}  # no host farther than this from home",
        float(p.distance.max_km)
    ));
    line(format!(
        "commute_km = {}  # beyond this the teacher needs a dormitory bed at the host",
        float(p.distance.commute_km)
    ));
    line(format!(
        "road_factor = {}  # road km per great-circle km where distances.csv is silent",
        float(p.distance.road_factor)
    ));
    line(String::new());
    line("[limits]".into());
    line(format!(
        "max_away_fraction = {}  # of a school's own teachers away in a term (rounded down; at least 1 from 5 teachers)",
        float(p.limits.max_away_fraction)
    ));
    line(format!(
        "keep_subject = {}  # rule 11: a school keeps at least one teacher in every subject it has",
        p.limits.keep_subject
    ));
    line(String::new());
    line("[couples]".into());
    line(format!(
        "max_km = {}  # spouses never further apart than this (or than their homes already are)",
        float(p.couples.max_km)
    ));
    line(String::new());
    line("[quota]".into());
    line(format!(
        "min_fraction = {}  # exchanges per county, as a share of teachers eligible for rotation",
        float(p.quota.min_fraction)
    ));
    line(format!(
        "backbone_fraction = {}  # backbone teachers among those exchanges",
        float(p.quota.backbone_fraction)
    ));
    line(format!(
        "per_school = {}  # apply the quota to every school, not just the county",
        p.quota.per_school
    ));
    line(format!(
        "hard = {}  # true: the quota targets (and the alliance and cadre targets) become hard rules",
        p.quota.hard
    ));
    line(String::new());
    line("[alliance]".into());
    line(format!(
        "min_each_way = {}  # per group: backbone teachers lead -> members, and teachers members -> lead; 0 = no target",
        p.alliance.min_each_way
    ));
    line(String::new());
    line("[solver]".into());
    line(format!("time_limit_s = {}", float(p.solver.time_limit_s)));
    line(format!(
        "mip_gap = {}  # 0.0 = prove optimality to the last point (can take minutes)",
        float(p.solver.mip_gap)
    ));
    line(format!("threads = {}  # 0 = all cores", p.solver.threads));
    line(String::new());
    let w = &p.weights;
    line("# One weight per objective tier, most important first (see the README).".into());
    line("[weights]".into());
    line(format!(
        "shortage = {}  # per post short for a term, times the school's weight",
        float(w.shortage)
    ));
    line(format!(
        "quota = {}  # per teacher missing from a quota, backbone, alliance or cadre target",
        float(w.quota)
    ));
    line(format!(
        "seniority = {}  # per seniority inversion",
        float(w.seniority)
    ));
    line(format!(
        "promotion = {}  # per first-grade teacher needing rural service left at home",
        float(w.promotion)
    ));
    line(format!(
        "preference = {}  # bonus per volunteer sent and preferred host used",
        float(w.preference)
    ));
    line(format!(
        "change = {}  # per change against a previous roster",
        float(w.change)
    ));
    line(format!(
        "distance = {}  # per km travelled",
        float(w.distance)
    ));
    let mut file = BufWriter::new(File::create(dir.join("policy.toml"))?);
    file.write_all(out.as_bytes())?;
    file.flush()
}
