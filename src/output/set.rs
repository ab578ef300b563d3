//! The output set (SPEC §4): the files one run writes into its output
//! folder (`roster.csv`, `coverage.csv`, `summary.json`, …) are replaced
//! together, so that a reader always sees one complete run's set, old or
//! new, whatever happens to the writer; and one run at a time writes into
//! a folder.
//!
//! # Layout
//!
//! ```text
//! OUT/roster.csv   -> .current/roster.csv     (one link per file of the set)
//! OUT/.current     -> .gen-Xa81Qz             (the published generation)
//! OUT/.gen-Xa81Qz/ roster.csv coverage.csv summary.json …
//! OUT/.rotaplan.lock                          (held by the run writing OUT)
//! ```
//!
//! # Publishing, and what a kill at each step leaves
//!
//! 1. *Adopt*: a folder written before this layout (plain files, no
//!    `.current`) first gets a generation holding copies of its files, and
//!    `.current` pointing at it. Each plain file is replaced by its link in
//!    step 3, which resolves to the same bytes: a kill here leaves the old
//!    set readable, partly as plain files and partly through links.
//! 2. *Write*: every file of the new set is written into a fresh
//!    `.tmp-XXXXXX` directory, synced, and the directory renamed to
//!    `.gen-XXXXXX` only once complete. A kill leaves a `.tmp-` directory
//!    nobody points at; the old set is untouched.
//! 3. *Link*: each file name gets its link `NAME -> .current/NAME`,
//!    made beside it and renamed over it. A link already there is left as it
//!    is; a name new to the set gets a link that resolves to nothing until
//!    step 4, exactly as the file was absent before. The old set is
//!    untouched.
//! 4. *Switch*: a link to the new generation is made beside `.current` and
//!    renamed over it: one `rename(2)`, atomic on every POSIX filesystem, and
//!    every name now resolves into the new generation. Before it the old
//!    set, after it the new.
//! 5. *Tidy*: generations other than the new and the one it replaced are
//!    removed, and links of names the new set does not have (a `whatif`
//!    plan without a roster) are removed. A kill leaves only garbage that
//!    the next run removes; nothing any name resolves to.
//!
//! The generation just replaced is kept until the next run, so a reader
//! that resolved `.current` before the switch can finish reading it. A
//! program that reads several files of the set and must get them from one
//! run resolves `OUT/.current` once and reads inside that generation.
//!
//! # One writer at a time
//!
//! [`OutputLock::acquire`] takes an exclusive lock (`flock`) on
//! `OUT/.rotaplan.lock`, waiting for another run that holds it; the lock
//! goes with the process, so a killed run never leaves the folder locked.
//! Publishing needs the lock (it is a method of the guard), and `.tmp-`
//! leftovers are removed only under it.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::hooks;
use crate::lang::{tr, Language, Msg};

/// The link to the published generation.
const CURRENT: &str = ".current";
/// Prefix of a complete generation directory.
const GENERATION: &str = ".gen-";
/// Prefix of everything a run creates before it is complete (generation
/// directories being written, links about to be renamed into place).
const TEMPORARY: &str = ".tmp-";
/// The lock file.
const LOCK: &str = ".rotaplan.lock";

/// The exclusive right to write one output folder; released on drop (and by
/// the kernel when the process dies).
#[derive(Debug)]
pub(crate) struct OutputLock {
    dir: PathBuf,
    file: Option<File>,
    /// The folder did not exist before this lock made it: a run that ends
    /// without publishing removes it again, so that a failed run leaves
    /// nothing behind.
    created: bool,
    published: std::cell::Cell<bool>,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        if self.created && !self.published.get() {
            // Unlocked only once the lock file is gone, so that a run
            // waiting for it finds the folder gone and makes its own
            // (`publish` creates the folder again if need be).
            let _ = fs::remove_file(self.dir.join(LOCK));
            drop(self.file.take());
            let _ = fs::remove_dir(&self.dir);
        }
    }
}

impl OutputLock {
    /// Creates `dir` if missing and locks it. When another run holds the
    /// lock, calls `waiting` with a sentence naming it, then waits for it.
    pub(crate) fn acquire(dir: &Path, waiting: impl FnOnce(&str)) -> io::Result<OutputLock> {
        let created = !dir.exists();
        fs::create_dir_all(dir).map_err(|e| named(dir, Msg::IoCreateFolder, e))?;
        let path = dir.join(LOCK);
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| named(&path, Msg::IoOpenLock, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                waiting(&tr!(
                    LockWaiting,
                    process = if holder.is_empty() { "?" } else { holder },
                    dir = dir.display()
                ));
                file.lock().map_err(|e| named(&path, Msg::IoLock, e))?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(named(&path, Msg::IoLock, e)),
        }
        // Who holds it, for the message of a run that has to wait.
        let _ = file
            .set_len(0)
            .and_then(|()| file.write_all(std::process::id().to_string().as_bytes()));
        hooks::point("lock:held")?;
        Ok(OutputLock {
            dir: dir.to_path_buf(),
            file: Some(file),
            created,
            published: std::cell::Cell::new(false),
        })
    }

    /// Replaces the folder's set by `files` (`(name, contents)`), as the
    /// module doc describes. An error names the path concerned; the old set
    /// is then still the one every name resolves to.
    pub(crate) fn publish(&self, files: &[(&str, &[u8])]) -> io::Result<()> {
        let dir = self.dir.as_path();
        fs::create_dir_all(dir).map_err(|e| named(dir, Msg::IoCreateFolder, e))?;
        self.published.set(true);
        remove_temporaries(dir);
        adopt_plain_files(dir, files)?;
        hooks::point("publish:adopted")?;
        let generation = write_generation(dir, files)?;
        hooks::point("publish:written")?;
        for (name, _) in files {
            link(dir, name)?;
        }
        hooks::point("publish:linked")?;
        let previous = fs::read_link(dir.join(CURRENT)).ok();
        switch(dir, &generation)?;
        hooks::point("publish:switched")?;
        tidy(dir, &generation, previous.as_deref());
        Ok(())
    }
}

/// Removes what killed runs left half made. Only called under the lock, so
/// nothing is being made there now.
fn remove_temporaries(dir: &Path) {
    for entry in entries(dir) {
        if entry.file_name().to_string_lossy().starts_with(TEMPORARY) {
            remove_entry(&entry.path());
        }
    }
}

/// Step 1 of the module doc: a folder of plain files becomes a generation.
fn adopt_plain_files(dir: &Path, files: &[(&str, &[u8])]) -> io::Result<()> {
    if fs::symlink_metadata(dir.join(CURRENT)).is_ok() {
        return Ok(());
    }
    let mut old = Vec::new();
    for (name, _) in files {
        let path = dir.join(name);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            let bytes = fs::read(&path).map_err(|e| named(&path, Msg::IoRead, e))?;
            old.push((*name, bytes));
        }
    }
    if old.is_empty() {
        return Ok(());
    }
    let old: Vec<(&str, &[u8])> = old.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let generation = write_generation(dir, &old)?;
    switch(dir, &generation)
}

/// Step 2: the files in a new generation directory; returns its name.
fn write_generation(dir: &Path, files: &[(&str, &[u8])]) -> io::Result<OsString> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY);
    with_umask(&mut builder, 0o777);
    let temp = builder
        .tempdir_in(dir)
        .map_err(|e| named(dir, Msg::IoCreateFolderIn, e))?;
    for (name, contents) in files {
        let path = temp.path().join(name);
        let mut file = File::create(&path).map_err(|e| named(&path, Msg::IoCreate, e))?;
        hooks::point("publish:write")
            .and_then(|()| file.write_all(contents))
            .and_then(|()| file.sync_all())
            .map_err(|e| named(&dir.join(name), Msg::IoWrite, e))?;
    }
    sync_dir(temp.path());
    let temp_name = temp
        .path()
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    let name = OsString::from(format!(
        "{GENERATION}{}",
        &temp_name[TEMPORARY.len().min(temp_name.len())..]
    ));
    let finished = dir.join(&name);
    fs::rename(temp.path(), &finished).map_err(|e| named(&finished, Msg::IoCreate, e))?;
    // Renamed away: dropping `temp` finds nothing left to remove.
    drop(temp);
    Ok(name)
}

/// Step 3: `dir/name` becomes the link `.current/name`.
fn link(dir: &Path, name: &str) -> io::Result<()> {
    let path = dir.join(name);
    let target = Path::new(CURRENT).join(name);
    if fs::read_link(&path).is_ok_and(|existing| existing == target) {
        return Ok(());
    }
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            tr!(OutputIsFolder, path = path.display()),
        ));
    }
    replace_with_link(dir, &target, &path)
}

/// Step 4: `.current` points at `generation`.
fn switch(dir: &Path, generation: &OsString) -> io::Result<()> {
    replace_with_link(dir, Path::new(generation), &dir.join(CURRENT))?;
    sync_dir(dir);
    Ok(())
}

/// Makes a link to `target` beside `path` and renames it over `path`.
fn replace_with_link(dir: &Path, target: &Path, path: &Path) -> io::Result<()> {
    let temp = dir.join(format!(
        "{TEMPORARY}link-{}-{}",
        std::process::id(),
        path.file_name().unwrap_or_default().to_string_lossy()
    ));
    let _ = fs::remove_file(&temp);
    symlink(target, &temp).map_err(|e| named(&temp, Msg::IoLink, e))?;
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        named(path, Msg::IoReplace, e)
    })
}

/// Step 5: best effort; whatever is left is removed by the next run.
fn tidy(dir: &Path, current: &OsString, previous: Option<&Path>) {
    for entry in entries(dir) {
        let name = entry.file_name();
        let text = name.to_string_lossy();
        let path = entry.path();
        if text.starts_with(GENERATION) {
            let kept = name == *current || previous.is_some_and(|p| p.as_os_str() == name);
            if !kept {
                remove_entry(&path);
            }
        } else if fs::read_link(&path).is_ok_and(|target| target.starts_with(CURRENT))
            && !path.exists()
        {
            let _ = fs::remove_file(&path);
        }
    }
}

fn entries(dir: &Path) -> Vec<fs::DirEntry> {
    fs::read_dir(dir)
        .map(|read| read.flatten().collect())
        .unwrap_or_default()
}

fn remove_entry(path: &Path) {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        let _ = fs::remove_dir_all(path);
    } else {
        let _ = fs::remove_file(path);
    }
}

/// Makes `builder` create its file or folder with `mode` masked by the
/// user's umask, as for any file a program creates (SPEC §4), instead of
/// the private 0600 / 0700 temporary files get by default.
pub(crate) fn with_umask(builder: &mut tempfile::Builder<'_, '_>, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (builder, mode);
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_target: &Path, _link: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "output sets need symbolic links (Linux, macOS)",
    ))
}

/// Makes renames in `dir` durable across a power cut. Best effort.
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// An error that says which path and what was being done.
pub(crate) fn named(path: &Path, doing: Msg, err: io::Error) -> io::Error {
    let doing = doing.text(Language::current());
    io::Error::new(err.kind(), format!("{doing} {}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publish(dir: &Path, files: &[(&str, &[u8])]) -> io::Result<()> {
        OutputLock::acquire(dir, |_| panic!("nobody else holds it"))?.publish(files)
    }

    fn visible(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = entries(dir)
            .into_iter()
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, fs::read(e.path()).unwrap_or_default())
            })
            .collect();
        files.sort();
        files
    }

    fn hidden(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = entries(dir)
            .into_iter()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .map(|n| n.split('-').next().unwrap_or_default().to_string())
            .collect();
        names.sort();
        names
    }

    fn set(pairs: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        pairs
            .iter()
            .map(|(n, b)| (n.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn each_run_replaces_the_whole_set_and_keeps_one_older_generation() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        for run in ["1", "2", "3"] {
            publish(
                &out,
                &[("a.csv", run.as_bytes()), ("b.json", run.as_bytes())],
            )
            .unwrap();
            assert_eq!(visible(&out), set(&[("a.csv", run), ("b.json", run)]));
        }
        assert_eq!(hidden(&out), [".current", ".gen", ".gen", ".rotaplan.lock"]);
    }

    #[test]
    fn a_smaller_set_removes_the_names_it_does_not_have() {
        let dir = tempfile::tempdir().unwrap();
        publish(dir.path(), &[("a.csv", b"1"), ("b.json", b"1")]).unwrap();
        publish(dir.path(), &[("b.json", b"2")]).unwrap();
        assert_eq!(visible(dir.path()), set(&[("b.json", "2")]));
        publish(dir.path(), &[("a.csv", b"3"), ("b.json", b"3")]).unwrap();
        assert_eq!(visible(dir.path()), set(&[("a.csv", "3"), ("b.json", "3")]));
    }

    #[test]
    fn plain_files_of_an_older_layout_are_adopted_then_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.csv"), "old").unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        publish(dir.path(), &[("a.csv", b"new"), ("b.json", b"new")]).unwrap();
        assert_eq!(
            visible(dir.path()),
            set(&[("a.csv", "new"), ("b.json", "new"), ("notes.txt", "mine")])
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_set_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        publish(dir.path(), &[("a.csv", b"old")]).unwrap();
        // A folder where the new set needs a file: the link step refuses.
        fs::create_dir(dir.path().join("b.json")).unwrap();
        let err = publish(dir.path(), &[("a.csv", b"new"), ("b.json", b"new")]).unwrap_err();
        assert!(err.to_string().contains("b.json"), "{err}");
        assert_eq!(
            visible(dir.path()),
            set(&[("a.csv", "old"), ("b.json", "")])
        );
        // The unused generation goes on the next run.
        fs::remove_dir(dir.path().join("b.json")).unwrap();
        publish(dir.path(), &[("a.csv", b"3")]).unwrap();
        assert_eq!(
            hidden(dir.path()),
            [".current", ".gen", ".gen", ".rotaplan.lock"]
        );
    }

    #[test]
    fn a_folder_made_by_a_run_that_publishes_nothing_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        drop(OutputLock::acquire(&out, |_| {}).unwrap());
        assert!(!out.exists());
        fs::create_dir(&out).unwrap();
        drop(OutputLock::acquire(&out, |_| {}).unwrap());
        assert!(out.exists(), "a folder that was there stays");
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join(".tmp-abc")).unwrap();
        fs::write(dir.path().join(".tmp-abc/a.csv"), "half").unwrap();
        publish(dir.path(), &[("a.csv", b"1")]).unwrap();
        assert_eq!(hidden(dir.path()), [".current", ".gen", ".rotaplan.lock"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_second_lock_on_the_folder_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputLock::acquire(dir.path(), |_| panic!("free")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let lock = OutputLock::acquire(&path, |message| tx.send(message.to_string()).unwrap());
            lock.map(drop)
        });
        let message = rx.recv().unwrap();
        assert!(
            message.contains(&std::process::id().to_string()),
            "{message}"
        );
        assert!(message.contains("waiting"), "{message}");
        drop(first);
        second.join().unwrap().unwrap();
    }
}
