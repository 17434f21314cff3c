//! The last run's results kept in the browser (IndexedDB, database `tuoyu-desk`), so a reload of
//! the desk shows them again: which file, when, the summary and every row of the grid.
//!
//! Only the compact rows are kept (see [`super::rows`], about 40–60 bytes a claim), in pieces of
//! [`PIECE`] rows so no single copy of them all is made; the claims file itself is not stored.
//! Downloads and a claim's recomputation need the file: after a reload the officer chooses it
//! again (the same file — name, size and date — is taken back without verifying it again).
//!
//! Store `runs`, keys: `meta` (JSON text, [`Meta`]) and `rows/0`, `rows/1`, … (`Uint8Array`s in
//! the wire form). One transaction writes them all, `meta` last, so a run is kept whole or not.

use super::rows::Rows;
use calc_core::verify::Summary;
use js_sys::{Function, Promise, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB: &str = "tuoyu-desk";
const STORE: &str = "runs";
/// Rows per stored piece.
pub const PIECE: usize = 65_536;

/// What is kept of a run besides its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The file's name.
    pub name: String,
    /// Its size in bytes.
    pub size: f64,
    /// Its last-modified time (ms since 1970), to know the same file again.
    pub modified: f64,
    /// `jsonl`, `csv` or `xlsx`.
    pub kind: String,
    /// The Excel sheet read (empty: the first).
    pub sheet: String,
    /// The file is GBK text (absent in what earlier versions kept: UTF-8).
    #[serde(default)]
    pub gbk: bool,
    /// When the run ended (ms since 1970).
    pub when: f64,
    /// How long it took (ms).
    pub ms: f64,
    /// Whether it was stopped before the end (partial).
    pub partial: bool,
    /// Counts by verdict and the over-claimed total.
    pub summary: Summary,
    /// The byte chunks of the run and the line starts in each (to write reports later).
    pub chunks: Vec<(f64, f64)>,
    /// Line starts per chunk.
    pub starts: Vec<u32>,
    /// Rows kept.
    pub rows: usize,
    /// Pieces stored (`rows/0` … `rows/{pieces − 1}`).
    pub pieces: usize,
}

/// A request or transaction's end as a future.
fn ended(target: &JsValue, ok: &str, bad: &[&str]) -> JsFuture {
    let target = target.clone();
    let ok = ok.to_string();
    let bad: Vec<String> = bad.iter().map(|s| (*s).to_string()).collect();
    let p = Promise::new(&mut |resolve: Function, reject: Function| {
        let _ = js_sys::Reflect::set(&target, &JsValue::from_str(&format!("on{ok}")), &resolve);
        for b in &bad {
            let _ = js_sys::Reflect::set(&target, &JsValue::from_str(&format!("on{b}")), &reject);
        }
    });
    JsFuture::from(p)
}

async fn request(req: &IdbRequest) -> Result<JsValue, JsValue> {
    ended(req, "success", &["error"]).await?;
    req.result()
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("no IndexedDB"))?;
    // Version 2: verdicts are stored as indices of `Verdict::ALL`, which gained
    // `missing_input`; a run kept by version 1 is dropped, not misread.
    let req = factory.open_with_u32(DB, 2)?;
    let up = Closure::once_into_js({
        let req = req.clone();
        move || {
            if let Ok(db) = req.result().and_then(JsCast::dyn_into::<IdbDatabase>) {
                let _ = db.delete_object_store(STORE);
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(up.unchecked_ref()));
    request(&req).await?.dyn_into::<IdbDatabase>()
}

fn transaction(db: &IdbDatabase, write: bool) -> Result<IdbTransaction, JsValue> {
    let mode = if write {
        IdbTransactionMode::Readwrite
    } else {
        IdbTransactionMode::Readonly
    };
    db.transaction_with_str_and_mode(STORE, mode)
}

/// Replaces what is kept with `meta` and its rows, piece `k` written by `piece(k, buf)` (which
/// answers `false` when the run is no longer there); one transaction.
///
/// # Errors
/// IndexedDB is missing, refused (private browsing, full disk) or the write failed.
pub async fn save(meta: &Meta, piece: impl Fn(usize, &mut Vec<u8>) -> bool) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = transaction(&db, true)?;
    let store = tx.object_store(STORE)?;
    store.clear()?;
    let mut buf = Vec::new();
    for k in 0..meta.pieces {
        buf.clear();
        if !piece(k, &mut buf) {
            // Another run replaced this one meanwhile: keep what was kept before.
            let _ = tx.abort();
            db.close();
            return Err(JsValue::from_str("replaced"));
        }
        let piece = Uint8Array::from(&buf[..]);
        store.put_with_key(&piece, &JsValue::from_str(&format!("rows/{k}")))?;
        // `put` has cloned it: free the copy now rather than at the next garbage collection.
        super::work::release(&piece.buffer());
    }
    let text = serde_json::to_string(meta).map_err(|e| JsValue::from_str(&e.to_string()))?;
    store.put_with_key(&JsValue::from_str(&text), &JsValue::from_str("meta"))?;
    let done = ended(&tx, "complete", &["error", "abort"]).await;
    db.close();
    done.map(|_| ())
}

/// The kept run, if any: its meta and its rows.
///
/// # Errors
/// IndexedDB is missing or refused, or what is kept cannot be read.
pub async fn load() -> Result<Option<(Meta, Rows)>, JsValue> {
    let db = open().await?;
    let tx = transaction(&db, false)?;
    let store = tx.object_store(STORE)?;
    let meta = request(&store.get(&JsValue::from_str("meta"))?).await?;
    let Some(text) = meta.as_string() else {
        db.close();
        return Ok(None);
    };
    let meta: Meta = serde_json::from_str(&text).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut rows = Rows::default();
    if meta.pieces > 0 {
        rows.reserve(meta.rows);
    }
    for k in 0..meta.pieces {
        let v = request(&store.get(&JsValue::from_str(&format!("rows/{k}")))?).await?;
        let bytes = v
            .dyn_into::<Uint8Array>()
            .map_err(|_| JsValue::from_str("a piece is missing"))?
            .to_vec();
        rows.push_wire(&bytes, 0)
            .map_err(|_| JsValue::from_str("a piece cannot be read"))?;
    }
    db.close();
    if rows.len() != meta.rows {
        return Ok(None);
    }
    Ok(Some((meta, rows)))
}

/// Forgets the kept run.
///
/// # Errors
/// IndexedDB is missing or refused.
pub async fn clear() -> Result<(), JsValue> {
    let db = open().await?;
    let tx = transaction(&db, true)?;
    tx.object_store(STORE)?.clear()?;
    let done = ended(&tx, "complete", &["error", "abort"]).await;
    db.close();
    done.map(|_| ())
}
