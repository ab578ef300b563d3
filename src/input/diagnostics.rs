//! Problems found in input files. Loading collects every problem it can find
//! instead of stopping at the first, so one run of `validate` lists them all.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::lang::tr;

/// One problem, located as precisely as the input allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line in the file (the header is line 1); `None` for a
    /// problem with the whole file.
    pub line: Option<u64>,
    /// Column name as written in the file's header, or a policy key.
    pub column: Option<String>,
    /// The offending value as written.
    pub value: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn file(file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_path_buf(),
            line: None,
            column: None,
            value: None,
            message: message.into(),
        }
    }

    pub(crate) fn cell(
        file: &Path,
        line: u64,
        column: &str,
        value: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.to_path_buf(),
            line: Some(line),
            column: Some(column.to_string()),
            value: Some(value.to_string()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `schools.csv:12: column area, value "suburb": unknown area; expected …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ":")?;
        if let Some(column) = &self.column {
            let value = self.value.as_ref().map(|value| format!("{value:?}"));
            match value {
                Some(value) => write!(
                    f,
                    "{}",
                    tr!(DiagColumnValue, column = column, value = value)
                )?,
                None => write!(f, "{}", tr!(DiagColumn, column = column))?,
            }
        }
        write!(f, " {}", self.message)
    }
}

/// Every problem found in a data set; returned instead of a half-loaded one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        write!(f, "{}", tr!(CliProblemsFound, n = self.0.len()))
    }
}

impl std::error::Error for Diagnostics {}
