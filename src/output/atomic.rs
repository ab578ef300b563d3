//! Atomic replacement of one file (SPEC §4: a failed or interrupted run
//! never leaves a half-written or emptied file behind). A set of files that
//! must change together goes through [`super::set`] instead.
//!
//! The file is written in full to a temporary file in the *same directory*
//! as its target, flushed and synced, and then renamed over the target.
//! The same directory matters: `rename` is atomic only within one
//! filesystem, and a temp file under `/tmp` may well sit on another one
//! (where the "rename" becomes a non-atomic copy, or fails). A reader of the
//! target therefore sees either the old file or the new one, never a mix.
//! The new file gets the permissions the user's umask gives, like any file
//! a program creates, not the private ones of a temporary file.
//!
//! A run killed between writing its temp file and renaming it leaves it
//! behind (the old file stays intact); the next write of that file removes
//! those older than a minute.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::NamedTempFile;

use super::set::{named, sync_dir, with_umask};
use crate::lang::Msg;

/// Replaces `path` with `contents` atomically; see the module doc.
/// Creates missing parent directories. Errors name the path concerned.
pub(crate) fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    remove_stale_temps(path);
    let temp = write_temp(path, contents)?;
    temp.persist(path)
        .map_err(|err| named(path, Msg::IoReplace, err.error))?;
    sync_dir(&parent_of(path));
    Ok(())
}

/// The target's directory; `roster.csv` alone means the current one.
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `contents` to a synced temp file next to `path`. The temp file is
/// named after the target (`.roster.csv.XXXXXX.tmp`) so that one left by a
/// killed process explains itself.
fn write_temp(path: &Path, contents: &[u8]) -> io::Result<NamedTempFile> {
    let dir = parent_of(path);
    fs::create_dir_all(&dir).map_err(|e| named(&dir, Msg::IoCreateFolder, e))?;
    let mut prefix = OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    with_umask(&mut builder, 0o666);
    let mut temp = builder
        .tempfile_in(&dir)
        .map_err(|e| named(&dir, Msg::IoTempFile, e))?;
    crate::hooks::point("write")
        .and_then(|()| temp.write_all(contents))
        .and_then(|()| temp.flush())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| named(path, Msg::IoWrite, e))?;
    Ok(temp)
}

/// A temp file lives for the milliseconds between its write and its
/// rename; one older than this was left by a run that was killed (SIGKILL,
/// or SIGTERM during the renames), not by a run still writing.
const STALE_TEMP: Duration = Duration::from_secs(60);

/// Removes temp files of `path` (see [`write_temp`]) that a killed run left
/// behind, so the output folder heals on the next run. Best effort: a temp
/// file that cannot be read or removed is left alone.
fn remove_stale_temps(path: &Path) {
    let (Some(name), Ok(entries)) = (path.file_name(), fs::read_dir(parent_of(path))) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !(file_name.starts_with(&prefix) && file_name.ends_with(".tmp")) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| SystemTime::now().duration_since(modified).ok());
        if age.is_some_and(|age| age > STALE_TEMP) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn removes_a_stale_temp_file_but_not_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("roster.csv");
        let stale = dir.path().join(".roster.csv.AbC123.tmp");
        let fresh = dir.path().join(".roster.csv.XyZ789.tmp");
        let other = dir.path().join(".coverage.csv.AbC123.tmp");
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for path in [&stale, &fresh, &other] {
            let file = fs::File::create(path).unwrap();
            if path != &fresh {
                file.set_modified(an_hour_ago).unwrap();
            }
        }
        write_atomically(&target, b"new").unwrap();
        assert_eq!(
            entries(dir.path()),
            [
                ".coverage.csv.AbC123.tmp",
                ".roster.csv.XyZ789.tmp",
                "roster.csv"
            ]
        );
    }

    #[test]
    fn replaces_a_file_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("roster.csv");
        fs::write(&path, b"old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(entries(dir.path()), ["roster.csv"]);
    }

    #[test]
    fn creates_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/out.json");
        write_atomically(&path, b"{}").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}");
    }
}
