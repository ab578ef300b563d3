//! Atomic file replacement (SPEC §4: a failed or interrupted run never
//! leaves a half-written or emptied roster behind).
//!
//! Each file is written in full to a temporary file in the *same directory*
//! as its target, flushed and synced, and then renamed over the target.
//! The same directory matters: `rename` is atomic only within one
//! filesystem, and a temp file under `/tmp` may well sit on another one
//! (where the "rename" becomes a non-atomic copy, or fails). A reader of the
//! target therefore sees either the old file or the new one, never a mix.
//!
//! A set of files (roster, coverage, summary) is written in two phases: all
//! temp files first, renames only once every temp file is complete, so a
//! failure while writing (disk full, bad directory) leaves every old file
//! untouched. Renames cannot be made atomic *as a set*, so if one fails
//! part-way, the files already renamed are rolled back from copies of their
//! old contents taken just before the renames. (The likely case in practice
//! is Windows refusing to replace a `roster.csv` that is open in Excel.)
//!
//! A run killed between writing its temp files and renaming them leaves
//! them behind (the old outputs stay intact); the next run into the folder
//! removes those older than a minute.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::NamedTempFile;

/// Replaces `path` with `contents` atomically; see the module doc.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_set(&[(path, contents)])
}

/// Replaces every `(path, contents)` atomically, as a set as far as the
/// filesystem allows: nothing is renamed into place unless every file was
/// written in full, and a failed rename rolls back the earlier ones.
/// Creates missing parent directories. Errors name the path concerned.
pub fn write_all_atomically(files: &[(PathBuf, Vec<u8>)]) -> io::Result<()> {
    let borrowed: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|(path, contents)| (path.as_path(), contents.as_slice()))
        .collect();
    write_set(&borrowed)
}

pub(crate) fn write_set(files: &[(&Path, &[u8])]) -> io::Result<()> {
    // Phase 1: complete temp files. On error the ones made so far are
    // dropped, which deletes them.
    let mut temps = Vec::with_capacity(files.len());
    for &(path, contents) in files {
        remove_stale_temps(path);
        temps.push(write_temp(path, contents)?);
    }
    // What each target holds now, to roll back to if a rename fails.
    let mut previous = Vec::with_capacity(files.len());
    for &(path, _) in files {
        previous.push(snapshot(path)?);
    }
    // Phase 2: renames.
    for (done, (temp, &(path, _))) in temps.into_iter().zip(files).enumerate() {
        if let Err(err) = temp.persist(path) {
            // `err.file` is the temp file; dropping it deletes it, as
            // dropping the remaining ones in `temps` does.
            let err = named(path, "cannot replace", err.error);
            return Err(roll_back(&files[..done], &previous[..done], err));
        }
    }
    for dir in unique_parents(files) {
        sync_dir(&dir);
    }
    Ok(())
}

/// The target's directory; `roster.csv` alone means the current one.
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn unique_parents(files: &[(&Path, &[u8])]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = files.iter().map(|(path, _)| parent_of(path)).collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// Writes `contents` to a synced temp file next to `path`. The temp file is
/// named after the target (`.roster.csv.XXXXXX.tmp`) so that one left by a
/// killed process explains itself.
fn write_temp(path: &Path, contents: &[u8]) -> io::Result<NamedTempFile> {
    let dir = parent_of(path);
    fs::create_dir_all(&dir).map_err(|e| named(&dir, "cannot create directory", e))?;
    let mut prefix = OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| named(&dir, "cannot create a temporary file in", e))?;
    temp.write_all(contents)
        .and_then(|()| temp.flush())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| named(path, "cannot write", e))?;
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

/// The old contents of a target, `None` when there is no regular file there
/// (nothing to restore; a directory in the way makes the rename fail).
fn snapshot(path: &Path) -> io::Result<Option<Vec<u8>>> {
    if !path.is_file() {
        return Ok(None);
    }
    fs::read(path)
        .map(Some)
        .map_err(|e| named(path, "cannot read the existing", e))
}

/// Restores the targets already replaced, newest first, and returns `err`
/// with any failure of the rollback added to its message.
fn roll_back(done: &[(&Path, &[u8])], previous: &[Option<Vec<u8>>], err: io::Error) -> io::Error {
    let mut failures = Vec::new();
    for (&(path, _), old) in done.iter().zip(previous).rev() {
        let restored = match old {
            Some(bytes) => write_temp(path, bytes).and_then(|temp| {
                temp.persist(path)
                    .map(drop)
                    .map_err(|e| named(path, "cannot restore", e.error))
            }),
            None => fs::remove_file(path).map_err(|e| named(path, "cannot remove", e)),
        };
        if let Err(e) = restored {
            failures.push(e.to_string());
        }
    }
    if failures.is_empty() {
        err
    } else {
        io::Error::new(
            err.kind(),
            format!("{err}; rolling back also failed: {}", failures.join("; ")),
        )
    }
}

/// Makes the renames durable across a power cut (the directory entry is
/// what changed). Best effort: some filesystems and platforms cannot open
/// or sync a directory, and the renames themselves already succeeded.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// An error that says which path and what was being done.
fn named(path: &Path, doing: &str, err: io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{doing} {}: {err}", path.display()))
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
        write_all_atomically(&[(path.clone(), b"{}".to_vec())]).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}");
    }

    #[test]
    fn failed_rename_of_second_file_rolls_back_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("roster.csv");
        let second = dir.path().join("coverage.csv");
        fs::write(&first, b"old roster").unwrap();
        // A non-empty directory where the second file goes: its rename fails.
        fs::create_dir(&second).unwrap();
        fs::write(second.join("keep"), b"x").unwrap();

        let err = write_all_atomically(&[
            (first.clone(), b"new roster".to_vec()),
            (second.clone(), b"new coverage".to_vec()),
        ])
        .unwrap_err();

        assert!(err.to_string().contains("coverage.csv"), "{err}");
        assert_eq!(fs::read(&first).unwrap(), b"old roster");
        assert_eq!(entries(dir.path()), ["coverage.csv", "roster.csv"]);
        assert_eq!(entries(&second), ["keep"]);
    }

    #[test]
    fn failed_rename_removes_a_first_file_that_did_not_exist() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("roster.csv");
        let second = dir.path().join("coverage.csv");
        fs::create_dir(&second).unwrap();
        fs::write(second.join("keep"), b"x").unwrap();
        write_all_atomically(&[(first.clone(), b"new".to_vec()), (second, b"new".to_vec())])
            .unwrap_err();
        assert!(!first.exists());
        assert_eq!(entries(dir.path()), ["coverage.csv"]);
    }

    #[test]
    fn failed_write_of_second_file_touches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("roster.csv");
        fs::write(&first, b"old roster").unwrap();
        // The second file's directory cannot be created: a file is in the way.
        let blocker = dir.path().join("blocker");
        fs::write(&blocker, b"i am a file").unwrap();
        let second = blocker.join("coverage.csv");

        let err = write_all_atomically(&[
            (first.clone(), b"new roster".to_vec()),
            (second, b"new coverage".to_vec()),
        ])
        .unwrap_err();

        assert!(err.to_string().contains("blocker"), "{err}");
        assert_eq!(fs::read(&first).unwrap(), b"old roster");
        assert_eq!(fs::read(&blocker).unwrap(), b"i am a file");
        assert_eq!(entries(dir.path()), ["blocker", "roster.csv"]);
    }
}
