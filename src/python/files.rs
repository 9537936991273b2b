//! The run's files: a file system in memory that `open()` and `os` read and write. Every
//! process of a run shares it, as processes share a disk, each from its own working directory
//! (see `InProcess`); it starts empty (with a `/tmp`, and `/home` above
//! the starting directory) and is gone when the run ends. Paths are POSIX's; the working
//! directory the run starts in is `""` to the file system and `/home/threadplay` to the
//! program (`os.getcwd()`), and `os.chdir` moves it. `/dev/null` and `/dev/urandom` are there
//! too, as on Linux.

use super::error::{Exception, ExceptionKind, PyResult};
use super::value::Value;
use crate::event::lock;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, MutexGuard};

/// What all the files of a run may hold together: a program that writes in a loop ends with
/// an error instead of taking the page's memory.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Files and directories a run may make.
pub const MAX_FILES: usize = 10_000;

pub type SharedFiles = Arc<Mutex<FileSystem>>;

/// The file system as one process sees it, locked: from its own working directory, which each
/// process has in CPython (a child's `os.chdir` does not move its parent, nor the parent's its
/// started children).
pub struct InProcess<'a> {
    files: MutexGuard<'a, FileSystem>,
    cwd: &'a Mutex<String>,
}

impl<'a> InProcess<'a> {
    pub fn new(files: &'a SharedFiles, cwd: &'a Mutex<String>) -> Self {
        let mut files = lock(files);
        files.cwd = lock(cwd).clone();
        Self { files, cwd }
    }
}

impl std::ops::Deref for InProcess<'_> {
    type Target = FileSystem;

    fn deref(&self) -> &FileSystem {
        &self.files
    }
}

impl std::ops::DerefMut for InProcess<'_> {
    fn deref_mut(&mut self) -> &mut FileSystem {
        &mut self.files
    }
}

impl Drop for InProcess<'_> {
    /// Keeps the working directory `os.chdir` may have moved, for the process's next use.
    fn drop(&mut self) {
        *lock(self.cwd) = std::mem::take(&mut self.files.cwd);
    }
}

#[derive(Debug)]
pub struct FileSystem {
    files: BTreeMap<String, Vec<u8>>,
    directories: BTreeSet<String>,
    bytes: usize,
    /// The working directory of the process using it now (see `InProcess`), normalised (`""`
    /// for the one the run starts in).
    cwd: String,
}

/// Takes what is written, and reads as empty (`os.devnull`).
pub const NULL_DEVICE: &str = "/dev/null";

/// Reads as random bytes, `os.urandom`'s (the asyncio docs' `run_in_executor` example reads
/// it); what is written is dropped.
pub const RANDOM_DEVICE: &str = "/dev/urandom";

fn is_device(path: &str) -> bool {
    path == NULL_DEVICE || path == RANDOM_DEVICE
}

/// The name the program sees for the working directory the run starts in.
pub const STARTING_DIRECTORY: &str = "/home/threadplay";

impl Default for FileSystem {
    fn default() -> Self {
        Self {
            files: BTreeMap::new(),
            directories: ["/", "/tmp", "/home", "/dev"].map(String::from).into(),
            bytes: 0,
            cwd: String::new(),
        }
    }
}

/// `OSError(errno, strerror, filename)`, of the class CPython raises for that errno; a full
/// disk and an invalid argument name no file.
pub fn os_error(errno: i32, path: &str) -> Exception {
    let (kind, strerror) = match errno {
        2 => (
            ExceptionKind::FileNotFoundError,
            "No such file or directory",
        ),
        13 => (ExceptionKind::PermissionError, "Permission denied"),
        17 => (ExceptionKind::FileExistsError, "File exists"),
        20 => (ExceptionKind::NotADirectoryError, "Not a directory"),
        21 => (ExceptionKind::IsADirectoryError, "Is a directory"),
        22 => (ExceptionKind::OSError, "Invalid argument"),
        39 => (ExceptionKind::OSError, "Directory not empty"),
        _ => (ExceptionKind::OSError, "No space left on device"),
    };
    let mut args = vec![Value::Int(errno.into()), Value::str(strerror)];
    if errno != ENOSPC && errno != EINVAL {
        args.push(Value::str(path));
    }
    super::types::exception::with_args(kind, &args)
}

const ENOENT: i32 = 2;
const EACCES: i32 = 13;
const EEXIST: i32 = 17;
const ENOTDIR: i32 = 20;
const EISDIR: i32 = 21;
/// A seek before the start of a file.
pub const EINVAL: i32 = 22;
const ENOSPC: i32 = 28;
const ENOTEMPTY: i32 = 39;

/// `path` as the file system keys it: `a/./b//c/` is `a/b/c`, `./x` is `x`, `..` goes up.
fn normal(path: &str) -> String {
    let tidy = normpath(path);
    // The starting directory by its name is the one relative paths start from.
    match tidy.strip_prefix(STARTING_DIRECTORY) {
        Some("") if path.starts_with('/') => String::new(),
        Some(inside) if path.starts_with('/') && inside.starts_with('/') => inside[1..].to_string(),
        _ => tidy,
    }
}

/// `os.path.normpath` without its `.` for an empty path: `a/./b//c/` is `a/b/c`, `..` goes up.
fn normpath(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match path.starts_with('/') {
        true => format!("/{joined}"),
        false => joined,
    }
}

/// The directory a normalised path is in (`""` for the working directory).
fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) => "/",
        Some(slash) => &path[..slash],
        None => "",
    }
}

/// How `open` finds or makes the file it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// `r`: it must exist.
    Existing,
    /// `w`: made, or emptied.
    Truncate,
    /// `a`: made, or kept.
    Keep,
    /// `x`: it must not exist.
    Exclusive,
}

impl FileSystem {
    /// `original` as the file system keys it, from the working directory if relative.
    fn resolve(&self, original: &str) -> String {
        // Through the absolute path, so that `..` can leave the starting directory.
        normal(&self.absolute(original))
    }

    /// `os.getcwd()`.
    pub fn working_directory(&self) -> String {
        match self.cwd.as_str() {
            "" => STARTING_DIRECTORY.to_string(),
            cwd if cwd.starts_with('/') => cwd.to_string(),
            cwd => format!("{STARTING_DIRECTORY}/{cwd}"),
        }
    }

    /// `os.path.abspath(original)`.
    pub fn absolute(&self, original: &str) -> String {
        match original.starts_with('/') {
            true => normpath(original),
            false => normpath(&format!("{}/{original}", self.working_directory())),
        }
    }

    /// `os.chdir(original)`.
    pub fn change_directory(&mut self, original: &str) -> PyResult<()> {
        self.cwd = self.existing_directory(original)?;
        Ok(())
    }

    /// The directory at `original`, as the file system keys it; CPython's error if it is a
    /// file or nothing.
    fn existing_directory(&self, original: &str) -> PyResult<String> {
        let path = self.resolve(original);
        if self.files.contains_key(&path) {
            return Err(os_error(ENOTDIR, original));
        }
        if !self.is_dir(&path) {
            return Err(os_error(ENOENT, original));
        }
        Ok(path)
    }

    fn is_dir(&self, path: &str) -> bool {
        path.is_empty() || self.directories.contains(path)
    }

    /// Whether the file or directory may be made: its directory exists, and there is room.
    fn may_make(&self, path: &str, original: &str) -> PyResult<()> {
        let dir = parent(path);
        if self.files.contains_key(dir) {
            return Err(os_error(ENOTDIR, original));
        }
        if !self.is_dir(dir) {
            return Err(os_error(ENOENT, original));
        }
        if self.files.len() + self.directories.len() >= MAX_FILES {
            return Err(os_error(ENOSPC, ""));
        }
        Ok(())
    }

    /// Opens the file at `original` as `opening` says; the normalised path it is kept under.
    pub fn open(&mut self, original: &str, opening: Opening) -> PyResult<String> {
        let path = self.resolve(original);
        if original.is_empty() {
            return Err(os_error(ENOENT, original));
        }
        if self.is_dir(&path) {
            return Err(os_error(EISDIR, original));
        }
        if is_device(&path) {
            return match opening {
                Opening::Exclusive => Err(os_error(EEXIST, original)),
                _ => Ok(path),
            };
        }
        match (self.files.get_mut(&path), opening) {
            (None, Opening::Existing) => return Err(os_error(ENOENT, original)),
            (Some(_), Opening::Exclusive) => return Err(os_error(EEXIST, original)),
            (Some(content), Opening::Truncate) => {
                self.bytes -= content.len();
                content.clear();
            }
            (Some(_), _) => {}
            (None, _) => {
                self.may_make(&path, original)?;
                self.files.insert(path.clone(), Vec::new());
            }
        }
        Ok(path)
    }

    /// The file's bytes from byte `at` on (a removed file reads as empty, as an unlinked one
    /// still open does… once its data is gone).
    pub fn bytes_from(&self, path: &str, at: usize) -> &[u8] {
        self.files
            .get(path)
            .map_or(&[], |content| &content[at.min(content.len())..])
    }

    /// Up to `max` bytes of the file from byte `at`, cut back to a whole character.
    pub fn read(&self, path: &str, at: usize, max: usize) -> String {
        let rest = self.bytes_from(path, at);
        let mut end = max.min(rest.len());
        while end > 0 && end < rest.len() && (rest[end] & 0xC0) == 0x80 {
            end -= 1;
        }
        String::from_utf8_lossy(&rest[..end]).into_owned()
    }

    /// Writes `data` at byte `at` (at the end when `at` is `None`, as `O_APPEND` does); where
    /// the file's position is after it.
    pub fn write(&mut self, path: &str, at: Option<usize>, data: &[u8]) -> PyResult<usize> {
        let Some(content) = self.files.get_mut(path) else {
            // Removed while open, or a device: the data goes, as on POSIX.
            return Ok(at.unwrap_or(0).saturating_add(data.len()));
        };
        let at = at.unwrap_or(content.len());
        // A seek far past the end (`seek(2**63)`) makes the file too big for the disk.
        let Some(end) = at.checked_add(data.len()) else {
            return Err(os_error(ENOSPC, ""));
        };
        let grown = end.saturating_sub(content.len());
        if self.bytes.saturating_add(grown) > MAX_FILE_BYTES {
            return Err(os_error(ENOSPC, ""));
        }
        if content.len() < end {
            content.resize(end, 0);
        }
        content[at..end].copy_from_slice(data);
        self.bytes += grown;
        Ok(end)
    }

    /// The file's size in bytes.
    pub fn size(&self, original: &str) -> PyResult<usize> {
        let path = self.resolve(original);
        match self.files.get(&path) {
            Some(content) => Ok(content.len()),
            None if self.is_dir(&path) || is_device(&path) => Ok(0),
            None => Err(os_error(ENOENT, original)),
        }
    }

    /// `os.path.exists`: a file or a directory.
    pub fn exists(&self, original: &str) -> bool {
        self.is_file(original) || self.is_directory(original) || is_device(&self.resolve(original))
    }

    pub fn is_file(&self, original: &str) -> bool {
        self.files.contains_key(&self.resolve(original))
    }

    pub fn is_directory(&self, original: &str) -> bool {
        self.is_dir(&self.resolve(original))
    }

    /// `os.remove`: a file, not a directory.
    pub fn remove(&mut self, original: &str) -> PyResult<()> {
        let path = self.resolve(original);
        match self.files.remove(&path) {
            Some(content) => {
                self.bytes -= content.len();
                Ok(())
            }
            None if self.is_dir(&path) => Err(os_error(EISDIR, original)),
            None if is_device(&path) => Err(os_error(EACCES, original)),
            None => Err(os_error(ENOENT, original)),
        }
    }

    /// `os.rmdir`: an empty directory.
    pub fn remove_directory(&mut self, original: &str) -> PyResult<()> {
        let path = self.existing_directory(original)?;
        if !self.names_in(&path).is_empty() {
            return Err(os_error(ENOTEMPTY, original));
        }
        self.directories.remove(&path);
        Ok(())
    }

    /// `shutil.rmtree`: the directory and everything in it.
    pub fn remove_tree(&mut self, original: &str) -> PyResult<()> {
        let path = self.existing_directory(original)?;
        let inside = |name: &String| name.starts_with(&format!("{path}/"));
        let files: Vec<String> = self
            .files
            .keys()
            .filter(|name| inside(name))
            .cloned()
            .collect();
        for name in files {
            if let Some(content) = self.files.remove(&name) {
                self.bytes -= content.len();
            }
        }
        self.directories
            .retain(|name| *name != path && !inside(name));
        Ok(())
    }

    /// `os.mkdir`.
    pub fn make_directory(&mut self, original: &str) -> PyResult<()> {
        let path = self.resolve(original);
        if self.files.contains_key(&path) || self.is_dir(&path) {
            return Err(os_error(EEXIST, original));
        }
        self.may_make(&path, original)?;
        self.directories.insert(path);
        Ok(())
    }

    /// `os.makedirs`: each missing directory on the way.
    pub fn make_directories(&mut self, original: &str, exist_ok: bool) -> PyResult<()> {
        let path = self.resolve(original);
        if self.is_dir(&path) {
            return if exist_ok {
                Ok(())
            } else {
                Err(os_error(EEXIST, original))
            };
        }
        let dir = parent(&path).to_string();
        if !self.is_dir(&dir) {
            self.make_directories(&dir, true)?;
        }
        self.make_directory(&path)
    }

    /// `os.listdir`: the names in a directory, in the order they sort (a real directory
    /// lists in an order of its own, which programs sort).
    pub fn list(&self, original: &str) -> PyResult<Vec<String>> {
        let path = self.resolve(original);
        if self.files.contains_key(&path) {
            return Err(os_error(ENOTDIR, original));
        }
        if !self.is_dir(&path) {
            return Err(os_error(ENOENT, original));
        }
        Ok(self.names_in(&path))
    }

    fn names_in(&self, dir: &str) -> Vec<String> {
        let names = self.files.keys().chain(self.directories.iter());
        let devices = [NULL_DEVICE, RANDOM_DEVICE];
        names
            .map(String::as_str)
            .chain(devices)
            .filter(|name| *name != "/" && parent(name) == dir)
            .map(|name| name.rsplit('/').next().unwrap_or(name).to_string())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// `os.rename` and `os.replace`: a file takes the other's place.
    pub fn rename(&mut self, from: &str, to: &str) -> PyResult<()> {
        let (source, target) = (self.resolve(from), self.resolve(to));
        if self.is_dir(&source) {
            if !self.files.contains_key(&target) && !self.is_dir(&target) {
                self.may_make(&target, to)?;
                let moved: Vec<String> = self
                    .directories
                    .iter()
                    .chain(self.files.keys())
                    .filter(|name| *name == &source || name.starts_with(&format!("{source}/")))
                    .cloned()
                    .collect();
                for name in moved {
                    let renamed = format!("{target}{}", &name[source.len()..]);
                    if self.directories.remove(&name) {
                        self.directories.insert(renamed);
                    } else if let Some(content) = self.files.remove(&name) {
                        self.files.insert(renamed, content);
                    }
                }
                return Ok(());
            }
            return Err(os_error(EEXIST, to));
        }
        if !self.files.contains_key(&source) {
            return Err(os_error(ENOENT, from));
        }
        if self.is_dir(&target) {
            return Err(os_error(EISDIR, to));
        }
        if !self.files.contains_key(&target) {
            self.may_make(&target, to)?;
        }
        let content = self.files.remove(&source).unwrap_or_default();
        if let Some(replaced) = self.files.insert(target, content) {
            self.bytes -= replaced.len();
        }
        Ok(())
    }
}
