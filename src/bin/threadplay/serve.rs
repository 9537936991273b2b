//! `threadplay serve`: the playground over HTTP, cross-origin isolated.
//!
//! Threads in the browser need `SharedArrayBuffer`, which a page only gets when it is
//! cross-origin isolated: served with COOP `same-origin` and COEP `require-corp`. Every response
//! carries those headers, errors included, and nothing outside the site folder is served.
//!
//! Embeds need two more. An iframe on a page that is not isolated gets isolation of its own
//! from `Document-Isolation-Policy` (Chromium 137+). A host that is isolated may frame only
//! documents that let it, so pages answer with CORP `cross-origin`; the other files stay
//! `same-origin`, as the page loads them from its own origin.

mod caching;

use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use percent_encoding::percent_decode_str;
use std::error::Error;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::services::ServeDir;

const DEFAULT_PORT: u16 = 8080;
const DEFAULT_HOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
/// The file the wasm build writes; without it the page cannot start.
const BUILT_MODULE: &str = "pkg/threadplay.js";

const HEADERS: [(&str, &str); 4] = [
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-embedder-policy", "require-corp"),
    ("document-isolation-policy", "isolate-and-require-corp"),
    // Any file may have a precompressed copy, sent to browsers that accept it.
    ("vary", "accept-encoding"),
];

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    port: u16,
    /// Address to listen on. Loopback keeps the playground off the network.
    #[arg(long, default_value_t = DEFAULT_HOST)]
    host: IpAddr,
    /// The site folder, with the wasm build in it (`./build.sh` writes www/pkg).
    #[arg(long, default_value = "www")]
    dir: PathBuf,
}

pub fn serve(args: ServeArgs) -> Result<(), Box<dyn Error>> {
    check_site(&args.dir)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((args.host, args.port)).await?;
        println!(
            "threadplay: serving {} at http://{}/",
            args.dir.display(),
            listener.local_addr()?
        );
        axum::serve(listener, site(&args.dir)?)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}

fn check_site(dir: &Path) -> Result<(), String> {
    if dir.join(BUILT_MODULE).is_file() {
        Ok(())
    } else {
        Err(format!(
            "{} has no {BUILT_MODULE}: run ./build.sh first (or pass --dir)",
            dir.display()
        ))
    }
}

/// The site as a service: static files only, nothing outside `dir` even through a symlink, the
/// isolation headers on every response, and caching by version (see `caching`).
fn site(dir: &Path) -> std::io::Result<Router> {
    let root = Arc::new(dir.canonicalize()?);
    Ok(Router::new()
        // `file.br` or `file.gz` (see build.sh) to a browser that accepts it, with
        // `Content-Encoding` and `Vary: accept-encoding`.
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::from_fn_with_state(
            root.clone(),
            inside_site,
        ))
        // Versioned URLs are mapped to files before the check above sees them.
        .layer(axum::middleware::from_fn_with_state(
            root.as_ref().clone(),
            caching::versioned,
        ))
        .layer(axum::middleware::from_fn(site_headers)))
}

/// Refuses paths that resolve outside the site folder. `ServeDir` already refuses `..`, but it
/// follows symlinks wherever they lead.
async fn inside_site(State(root): State<Arc<PathBuf>>, request: Request, next: Next) -> Response {
    let path = percent_decode_str(request.uri().path()).decode_utf8_lossy();
    let resolved = root.join(path.trim_start_matches('/')).canonicalize();
    match resolved {
        Ok(real) if !real.starts_with(root.as_path()) => StatusCode::NOT_FOUND.into_response(),
        _ => next.run(request).await,
    }
}

/// The script tutorial pages include from another origin (www/embed.js).
const EMBED_SCRIPT: &str = "/embed.js";

async fn site_headers(request: Request, next: Next) -> Response {
    let is_embed_script = request.uri().path() == EMBED_SCRIPT;
    let mut response = next.run(request).await;
    let is_page = is_page(&response);
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    // Pages and the embed script are for other sites' pages too, even isolated ones.
    let resource_policy = if is_page || is_embed_script {
        "cross-origin"
    } else {
        "same-origin"
    };
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static(resource_policy),
    );
    response
}

fn is_page(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"))
}
