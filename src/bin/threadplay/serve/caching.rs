//! How long a browser may keep what the server sends.
//!
//! A local server is for editing, so a rebuilt module or an edited script must show on the next
//! load. Revalidating every file does that, but a warm start then waits on about 40 conditional
//! requests. Instead the page names the site's files under `/v/<version>/`, where the version
//! changes whenever any file of the site does (a path, a size or a modification time). A file
//! asked for under the current version is kept for good; a new version is a new URL.
//!
//! Modules import each other relatively and workers start from `import.meta.url`, so the
//! version the page gives its scripts reaches every file they load.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The folder versioned URLs start with: `/v/<version>/js/app/main.js`.
const VERSIONED: &str = "/v/";
/// A site this big is not versioned (every load revalidates), so a page load never walks a
/// huge folder someone served by mistake.
const MAX_ENTRIES: usize = 10_000;
/// A page is rewritten in memory; one bigger than this goes out as it is.
const MAX_PAGE_BYTES: usize = 1 << 20;

/// Pages: fetched afresh every time. Firefox reuses a page it cached when framed by a
/// non-isolated host inside an isolated host, and then blocks it (a blank frame).
const PAGE: HeaderValue = HeaderValue::from_static("no-store");
/// A file under the current version: that URL never names other bytes.
const LASTING: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// Any other file (an old version, or a URL without one): revalidated, so an edit shows.
const REVALIDATED: HeaderValue = HeaderValue::from_static("no-cache");

/// Maps versioned URLs to the site's files, versions the URLs in pages, and sets every
/// response's `Cache-Control`.
pub async fn versioned(State(root): State<PathBuf>, mut request: Request, next: Next) -> Response {
    let asked = match unversion(&mut request) {
        Ok(asked) => asked,
        Err(status) => return status.into_response(),
    };
    let folder = page_folder(request.uri().path());
    let response = next.run(request).await;
    let is_page = super::is_page(&response);
    // Walked only for what needs it, and after the file is opened: a file edited meanwhile
    // makes a new version, so its old URL is not kept with the new bytes.
    let version = (is_page || asked.is_some())
        .then(|| site_version(&root))
        .flatten();
    let lasting = asked.is_some() && asked == version;
    let mut response = match (&version, folder, is_page) {
        (Some(version), Some(folder), true) => {
            let prefix = format!(
                "{}v/{version}/{folder}",
                "../".repeat(folder.matches('/').count())
            );
            with_versioned_urls(response, &prefix, &root.join(&folder)).await
        }
        _ => response,
    };
    let cache = if is_page {
        PAGE
    } else if lasting && response.status() == StatusCode::OK {
        LASTING
    } else {
        REVALIDATED
    };
    response.headers_mut().insert(CACHE_CONTROL, cache);
    response
}

/// `/v/<version>/rest` becomes `/rest`; returns the version it named.
fn unversion(request: &mut Request) -> Result<Option<String>, StatusCode> {
    let Some(rest) = request.uri().path().strip_prefix(VERSIONED) else {
        return Ok(None);
    };
    let Some((version, path)) = rest.split_once('/') else {
        return Ok(None);
    };
    if !is_version(version) {
        return Ok(None);
    }
    let version = version.to_string();
    let query = request
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    *request.uri_mut() =
        Uri::try_from(format!("/{path}{query}")).map_err(|_| StatusCode::BAD_REQUEST)?;
    Ok(Some(version))
}

/// The folder of a page's path, relative to the site (`/` is "", `/a/b.html` is "a/"), if it
/// is plainly spelled.
fn page_folder(path: &str) -> Option<String> {
    let folder = &path[1..=path.rfind('/')?];
    is_plain(folder).then(|| folder.to_string())
}

fn is_version(text: &str) -> bool {
    text.len() == 16 && text.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// A digest of every file's path, size and modification time: any edit or rebuild changes it.
/// Symlinks are not followed (the server refuses those that lead out of the site, and the
/// files of those that stay in are walked anyway). `None` when the folder cannot be read or
/// holds more than `MAX_ENTRIES` entries.
fn site_version(root: &Path) -> Option<String> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    let mut entries = 0;
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).ok()?.flatten() {
            entries += 1;
            if entries > MAX_ENTRIES {
                return None;
            }
            let kind = entry.file_type().ok()?;
            if kind.is_dir() {
                folders.push(entry.path());
            } else if kind.is_file() {
                let metadata = entry.metadata().ok()?;
                let modified = metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                files.push((entry.path(), metadata.len(), modified));
            }
        }
    }
    files.sort();
    let mut hasher = DefaultHasher::new();
    files.hash(&mut hasher);
    Some(format!("{:016x}", hasher.finish()))
}

/// The page with each `src="…"` and `href="…"` that names a file beside it or below moved
/// under `prefix` (the version, as a URL relative to the page). Compressed or oversized pages
/// go out unchanged (their files are then revalidated).
async fn with_versioned_urls(response: Response, prefix: &str, folder: &Path) -> Response {
    if response.status() != StatusCode::OK || response.headers().contains_key(CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(page) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let page = versioned_page(page, prefix, folder);
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(page))
}

fn versioned_page(page: &str, prefix: &str, folder: &Path) -> String {
    let mut out = String::with_capacity(page.len() + 1024);
    let mut rest = page;
    while let Some(at) = next_url(rest) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        let url = &after[..end];
        if names_file_below(url, folder) {
            out.push_str(prefix);
        }
        out.push_str(url);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Where the next attribute URL starts (just after ` src="` or ` href="`).
fn next_url(text: &str) -> Option<usize> {
    [" src=\"", " href=\""]
        .iter()
        .filter_map(|attribute| text.find(attribute).map(|at| at + attribute.len()))
        .min()
}

/// A relative path (no scheme, query, fragment or leading slash) to a file in `folder` or
/// below.
fn names_file_below(url: &str, folder: &Path) -> bool {
    is_plain(url)
        && !url.starts_with('/')
        && !url.split('/').any(|part| part == "..")
        && folder.join(url).is_file()
}

/// Letters, digits and `-_./`: a path that needs no decoding and holds no query or fragment.
fn is_plain(path: &str) -> bool {
    path.bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || b"-_./".contains(&byte))
}
