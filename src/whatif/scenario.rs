//! Scenarios: named variations of the base policy, given on the command line
//! (`--scenario tight:quota.min_fraction=0.15,distance.max_km=40`) or as a
//! partial `policy.toml` (`--scenario-file tight.toml`, named by its stem).
//!
//! A scenario is kept as the change it makes, not as a finished policy, so
//! that it is applied to the base policy's *raw table*: the result then goes
//! through the same [`policy_from_value`] as a policy file, and a scenario
//! can vary every key a policy file can set, with the same checks and the
//! same messages.
//!
//! [`policy_from_value`]: crate::input::policy_from_value

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

use crate::lang::tr;

/// The name of the unmodified policy's run (and folder); no scenario may
/// take it.
pub(crate) const BASE: &str = "base";

/// Longest scenario name, in characters: it becomes a folder name and a
/// column heading.
const MAX_NAME_CHARS: usize = 64;

/// A named variation of the base policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub(crate) name: String,
    pub(crate) changes: Changes,
}

/// What a scenario changes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Changes {
    /// `KEY=VALUE` pairs from `--scenario`, in order. Each replaces one key
    /// whole: `eligibility.retirement_age={ F = 50 }` sets the table to just
    /// that (M falls back to its default), as in a policy file.
    Keys(Vec<(String, Value)>),
    /// A partial policy from `--scenario-file`, deep-merged over the base:
    /// a `[quota]` table with one key leaves the base's other quota keys.
    File { path: PathBuf, table: Table },
}

/// One problem with a scenario. Scenarios are checked in full before
/// anything is solved, and every problem is reported, not just the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// The scenario's name, or the argument as given when it has none.
    pub scenario: String,
    /// The policy key concerned, when there is one.
    pub key: Option<String>,
    /// The offending value as written, when there is one.
    pub(crate) value: Option<String>,
    pub message: String,
}

impl ScenarioError {
    pub(crate) fn new(scenario: &str, message: impl Into<String>) -> ScenarioError {
        ScenarioError {
            scenario: scenario.to_string(),
            key: None,
            value: None,
            message: message.into(),
        }
    }

    pub(crate) fn at_key(scenario: &str, key: &str, message: impl Into<String>) -> ScenarioError {
        ScenarioError {
            key: Some(key.to_string()),
            ..ScenarioError::new(scenario, message)
        }
    }
}

impl fmt::Display for ScenarioError {
    /// `scenario tight: key quota.min_fraction, value 1.5: 1.5 is not a fraction …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", tr!(ScenarioAt, scenario = self.scenario))?;
        if let Some(key) = &self.key {
            match &self.value {
                Some(value) => write!(f, "{}", tr!(ScenarioKeyValue, key = key, value = value))?,
                None => write!(f, "{}", tr!(ScenarioKey, key = key))?,
            }
        }
        write!(f, " {}", self.message)
    }
}

/// Parses every `--scenario` argument and reads every scenario file, then
/// checks the names across all of them. Returns every problem found.
pub fn parse_all(
    inline: &[String],
    files: &[PathBuf],
) -> Result<Vec<Scenario>, Vec<ScenarioError>> {
    let (scenarios, errors) = parse_each(inline, files);
    if errors.is_empty() {
        Ok(scenarios)
    } else {
        Err(errors)
    }
}

/// As [`parse_all`], but also returns the scenarios that did parse when
/// others did not, so that their policies can still be checked and every
/// problem listed in one run.
pub(crate) fn parse_each(
    inline: &[String],
    files: &[PathBuf],
) -> (Vec<Scenario>, Vec<ScenarioError>) {
    let mut scenarios = Vec::new();
    let mut errors = Vec::new();
    let parsed = inline
        .iter()
        .map(|arg| parse_inline(arg))
        .chain(files.iter().map(|path| read_file(path)));
    for result in parsed {
        match result {
            Ok(scenario) => scenarios.push(scenario),
            Err(more) => errors.extend(more),
        }
    }
    errors.extend(check_unique(&scenarios));
    (scenarios, errors)
}

/// Parses `NAME:KEY=VALUE[,KEY=VALUE...]`. Commas inside brackets, braces
/// and quotes belong to the value (`retirement_age={ M = 60, F = 55 }`).
pub(crate) fn parse_inline(arg: &str) -> Result<Scenario, Vec<ScenarioError>> {
    let Some((name, body)) = arg.split_once(':') else {
        return Err(vec![ScenarioError::new(
            &format!("{arg:?}"),
            tr!(ScenarioForm),
        )]);
    };
    let name = name.trim();
    let mut errors: Vec<ScenarioError> = check_name(name).err().into_iter().collect();
    let label = if name.is_empty() { arg } else { name };
    let mut keys: Vec<(String, Value)> = Vec::new();
    for item in split_top_level(body).into_iter().map(str::trim) {
        if item.is_empty() {
            continue;
        }
        let Some((key, value)) = item.split_once('=') else {
            errors.push(ScenarioError {
                value: Some(item.to_string()),
                ..ScenarioError::new(label, tr!(ScenarioKeyForm))
            });
            continue;
        };
        let key = key.trim();
        if let Err(message) = check_key(key) {
            errors.push(ScenarioError::at_key(label, key, message));
            continue;
        }
        if keys.iter().any(|(seen, _)| seen == key) {
            errors.push(ScenarioError::at_key(label, key, tr!(ScenarioKeyTwice)));
            continue;
        }
        keys.push((key.to_string(), parse_value(value.trim())));
    }
    if keys.is_empty() && errors.is_empty() {
        errors.push(ScenarioError::new(label, tr!(ScenarioNoKeys)));
    }
    if errors.is_empty() {
        Ok(Scenario {
            name: name.to_string(),
            changes: Changes::Keys(keys),
        })
    } else {
        Err(errors)
    }
}

/// Reads a scenario file: a partial policy, named by the file's stem.
pub(crate) fn read_file(path: &Path) -> Result<Scenario, Vec<ScenarioError>> {
    let name = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let label = if name.is_empty() {
        path.display().to_string()
    } else {
        name.clone()
    };
    let mut errors: Vec<ScenarioError> = check_name(&name)
        .err()
        .map(|e| ScenarioError {
            message: tr!(ScenarioFileName, message = e.message, path = path.display()),
            ..e
        })
        .into_iter()
        .collect();
    // Read as a policy file of its own: the same encodings, and its
    // problems (bad TOML, unknown keys, bad values) come with their lines.
    // Every key has a default, so a partial policy is a valid one alone; it
    // is checked again once merged into the base.
    match crate::input::load_policy(Some(path)) {
        Ok(loaded) if errors.is_empty() => Ok(Scenario {
            name,
            changes: Changes::File {
                path: path.to_path_buf(),
                table: match loaded.raw {
                    Value::Table(table) => table,
                    _ => Table::new(),
                },
            },
        }),
        Ok(_) => Err(errors),
        Err(diagnostics) => {
            errors.extend(diagnostics.0.iter().map(|d| ScenarioError {
                key: d.column.clone(),
                value: d.value.clone(),
                ..ScenarioError::new(&label, file_message(d))
            }));
            Err(errors)
        }
    }
}

/// A file diagnostic's message with where it is (`wide.toml:3`).
fn file_message(diagnostic: &crate::input::Diagnostic) -> String {
    let at = match diagnostic.line {
        Some(line) => format!("{}:{line}", diagnostic.file.display()),
        None => diagnostic.file.display().to_string(),
    };
    format!("{} ({at})", diagnostic.message)
}

/// A value as TOML (`0.15`, `true`, `"strict"`, `[1, 2]`, `{ M = 60 }`,
/// `2027-09-01`), or the text itself when it is not TOML, so that
/// `seniority=strict` works without shell-escaped quotes.
pub(crate) fn parse_value(text: &str) -> Value {
    match format!("v = {text}").parse::<Table>() {
        // Exactly one key: text with a newline could otherwise add others.
        Ok(mut table) if table.len() == 1 => table
            .remove("v")
            .unwrap_or_else(|| Value::String(text.to_string())),
        _ => Value::String(text.to_string()),
    }
}

/// Applies the scenario's changes to a copy of the base policy's raw table.
pub(crate) fn apply(scenario: &Scenario, base: &Value) -> Result<Value, Vec<ScenarioError>> {
    let mut merged = match base {
        Value::Table(table) => table.clone(),
        _ => Table::new(),
    };
    match &scenario.changes {
        Changes::Keys(keys) => {
            let errors: Vec<ScenarioError> = keys
                .iter()
                .filter_map(|(key, value)| set_path(&mut merged, key, value.clone()).err())
                .map(|message| ScenarioError::at_key(&scenario.name, &message.0, message.1))
                .collect();
            if !errors.is_empty() {
                return Err(errors);
            }
        }
        Changes::File { table, .. } => deep_merge(&mut merged, table.clone()),
    }
    Ok(Value::Table(merged))
}

/// Sets the dotted `key` in `table`, creating missing tables on the way.
/// Fails, naming the key and the part in the way, when a part of the path
/// holds a value rather than a table.
fn set_path(table: &mut Table, key: &str, value: Value) -> Result<(), (String, String)> {
    let segments: Vec<&str> = key.split('.').collect();
    let (last, parents) = segments
        .split_last()
        .ok_or_else(|| (key.to_string(), "empty key".to_string()))?;
    let mut current = table;
    for (depth, segment) in parents.iter().enumerate() {
        let entry = current
            .entry(segment.to_string())
            .or_insert_with(|| Value::Table(Table::new()));
        current = match entry {
            Value::Table(inner) => inner,
            _ => {
                let prefix = segments[..=depth].join(".");
                return Err((key.to_string(), tr!(ScenarioNotATable, prefix = prefix)));
            }
        };
    }
    current.insert(last.to_string(), value);
    Ok(())
}

/// Merges `patch` into `base`: tables key by key, anything else replaced
/// (an array such as `horizon.terms` is replaced whole).
fn deep_merge(base: &mut Table, patch: Table) {
    for (key, value) in patch {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(into)), Value::Table(from)) => deep_merge(into, from),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// A name must make a safe folder name on every system and a readable
/// column heading: letters (CJK included), digits, `_` and `-`.
pub(crate) fn check_name(name: &str) -> Result<(), ScenarioError> {
    let label = if name.is_empty() { "\"\"" } else { name };
    let bad = |message: String| Err(ScenarioError::new(label, message));
    if name.is_empty() {
        return bad(tr!(ScenarioNameEmpty));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return bad(tr!(ScenarioNameLong, n = MAX_NAME_CHARS));
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return bad(tr!(ScenarioNameChars));
    }
    if name.eq_ignore_ascii_case(BASE) {
        return bad(tr!(ScenarioNameBase));
    }
    if is_reserved_on_windows(name) {
        return bad(tr!(ScenarioNameReserved));
    }
    Ok(())
}

/// `CON`, `NUL`, `COM1`, … cannot be folder names on Windows.
fn is_reserved_on_windows(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper[3..].chars().all(|c| c.is_ascii_digit() && c != '0'))
}

/// Names must differ ignoring ASCII case, since on Windows and macOS
/// `Tight/` and `tight/` are the same folder.
fn check_unique(scenarios: &[Scenario]) -> Vec<ScenarioError> {
    let mut seen = HashSet::new();
    scenarios
        .iter()
        .filter(|s| !seen.insert(s.name.to_ascii_lowercase()))
        .map(|s| ScenarioError::new(&s.name, tr!(ScenarioNameTaken)))
        .collect()
}

/// A policy key is dotted bare TOML keys: `quota.min_fraction`.
fn check_key(key: &str) -> Result<(), String> {
    let bare = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if key.split('.').all(bare) {
        Ok(())
    } else {
        Err(tr!(ScenarioNotAKey))
    }
}

/// Splits at commas outside brackets, braces and quoted strings.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut start = 0;
    for (at, c) in text.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    parts.push(&text[start..at]);
                    start = at + 1;
                }
                _ => {}
            },
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(scenario: &Scenario) -> &[(String, Value)] {
        match &scenario.changes {
            Changes::Keys(keys) => keys,
            Changes::File { .. } => panic!("not inline"),
        }
    }

    fn base() -> Value {
        Value::Table(
            r#"
            [quota]
            min_fraction = 0.12
            backbone_fraction = 0.3
            [distance]
            max_km = 60
            "#
            .parse()
            .unwrap(),
        )
    }

    #[test]
    fn inline_with_several_keys() {
        let s = parse_inline("tight:quota.min_fraction=0.15,distance.max_km=40").unwrap();
        assert_eq!(s.name, "tight");
        assert_eq!(
            keys(&s),
            [
                ("quota.min_fraction".to_string(), Value::Float(0.15)),
                ("distance.max_km".to_string(), Value::Integer(40)),
            ]
        );
    }

    #[test]
    fn values_are_toml_or_else_text() {
        assert_eq!(parse_value("0.15"), Value::Float(0.15));
        assert_eq!(parse_value("40"), Value::Integer(40));
        assert_eq!(parse_value("true"), Value::Boolean(true));
        assert_eq!(parse_value("\"strict\""), Value::String("strict".into()));
        assert_eq!(parse_value("strict"), Value::String("strict".into()));
        assert_eq!(
            parse_value("a = 1\nb = 2"),
            Value::String("a = 1\nb = 2".into())
        );
        assert!(matches!(parse_value("2027-09-01"), Value::Datetime(_)));
        let table = parse_value("{ M = 60, F = 55 }");
        assert_eq!(table["M"], Value::Integer(60));
        assert_eq!(table["F"], Value::Integer(55));
        let array = parse_value("[1, 2]");
        assert_eq!(
            array,
            Value::Array(vec![Value::Integer(1), Value::Integer(2)])
        );
    }

    #[test]
    fn commas_inside_values_do_not_split() {
        let s = parse_inline(
            r#"old:eligibility.retirement_age={ M = 62, F = 57 },seniority="a,b",x.y=[1,2]"#,
        )
        .unwrap();
        let k = keys(&s);
        assert_eq!(k.len(), 3);
        assert_eq!(k[0].1["F"], Value::Integer(57));
        assert_eq!(k[1].1, Value::String("a,b".into()));
        assert_eq!(k[2].0, "x.y");
    }

    #[test]
    fn nested_keys_are_set_inside_the_base_tables() {
        let s =
            parse_inline("young:eligibility.retirement_age.F=50,quota.min_fraction=0.2").unwrap();
        let merged = apply(&s, &base()).unwrap();
        assert_eq!(
            merged["eligibility"]["retirement_age"]["F"],
            Value::Integer(50)
        );
        assert_eq!(merged["quota"]["min_fraction"], Value::Float(0.2));
        assert_eq!(merged["quota"]["backbone_fraction"], Value::Float(0.3));
        assert_eq!(merged["distance"]["max_km"], Value::Integer(60));
        let policy = crate::input::policy_from_value(merged, Path::new("x")).unwrap();
        assert_eq!(policy.eligibility.retirement_age.female, 50);
        assert_eq!(policy.eligibility.retirement_age.male, 60);
        assert_eq!(policy.quota.min_fraction, 0.2);
    }

    #[test]
    fn a_key_below_a_plain_value_is_an_error_naming_it() {
        let s = parse_inline("x:quota.min_fraction.deep=1").unwrap();
        let errors = apply(&s, &base()).unwrap_err();
        assert_eq!(errors[0].key.as_deref(), Some("quota.min_fraction.deep"));
        assert!(
            errors[0].to_string().contains("not a table"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn bad_arguments_are_errors_naming_scenario_and_key() {
        let errors = parse_inline("t:quota.min_fraction").unwrap_err();
        assert!(errors[0].to_string().contains("expected KEY=VALUE"));
        let errors = parse_inline("t:quota min=1,a..b=2").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].key.as_deref(), Some("quota min"));
        let errors = parse_inline("t:a=1,a=2").unwrap_err();
        assert!(errors[0]
            .to_string()
            .starts_with("scenario t: key a: given twice"));
        assert!(parse_inline("no-colon").is_err());
        assert!(parse_inline("t:").unwrap_err()[0]
            .message
            .contains("no KEY=VALUE"));
    }

    #[test]
    fn names_must_be_safe_and_not_base() {
        for bad in ["", "a/b", "..", "a.b", "a b", "base", "BASE", "con", "LPT1"] {
            assert!(check_name(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["tight", "near-40km", "max_km_30", "偏远学校", "T2"] {
            assert!(check_name(good).is_ok(), "{good:?} rejected");
        }
        let errors = parse_inline("../x:quota.hard=true").unwrap_err();
        assert!(errors[0].message.contains("only letters"));
    }

    #[test]
    fn duplicate_names_are_rejected() {
        let inline = [
            "a:quota.hard=true".to_string(),
            "A:quota.hard=false".to_string(),
        ];
        let errors = parse_all(&inline, &[]).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].scenario, "A");
        assert!(errors[0].message.contains("used by another scenario"));

        let inline = ["ok:quota.hard=true".to_string(), "bad".to_string()];
        let (good, errors) = parse_each(&inline, &[]);
        assert_eq!(good.len(), 1, "the good one is kept for further checks");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_found_by_the_policy_check() {
        let s = parse_inline("t:quota.min_fractio=0.2,distance.max_km=far").unwrap();
        let merged = apply(&s, &base()).unwrap();
        let diagnostics = crate::input::policy_from_value(merged, Path::new("t")).unwrap_err();
        assert_eq!(
            diagnostics.0[0].column.as_deref(),
            Some("quota.min_fractio")
        );
    }

    #[test]
    fn a_file_scenario_is_merged_table_by_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wide.toml");
        std::fs::write(
            &path,
            "seniority = \"strict\"\n[quota]\nmin_fraction = 0.25\n",
        )
        .unwrap();
        let s = read_file(&path).unwrap();
        assert_eq!(s.name, "wide");
        let merged = apply(&s, &base()).unwrap();
        assert_eq!(merged["quota"]["min_fraction"], Value::Float(0.25));
        assert_eq!(merged["quota"]["backbone_fraction"], Value::Float(0.3));
        assert_eq!(merged["seniority"], Value::String("strict".into()));
        assert_eq!(merged["distance"]["max_km"], Value::Integer(60));

        let bad = dir.path().join("bad name.toml");
        std::fs::write(&bad, "[quota\n").unwrap();
        let errors = read_file(&bad).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[1].message.contains("not valid TOML"));
        assert!(read_file(&dir.path().join("missing.toml")).is_err());
    }
}
