//! Compact reports: what the desk keeps of each verified claim (verdict, claimed and recomputed
//! cents per item, physical line, id, and where the claim sits in the file), and the binary form
//! in which a worker sends them to the page.
//!
//! About 30 bytes a claim plus 16 per claimed item and its id, so 10⁶ claims fit in the tab; the
//! full report of a claim (reasons, statement lines, law) is recomputed from the file on demand.
//!
//! Wire form of one row, little-endian: line `u32`, byte offset `u64`, byte length `u32`, verdict
//! `u8`, item mask `u8` (bit *i* = [`ITEMS`]`[i]` claimed), item verdicts `u16` (3 bits per item
//! index), id length `u16`, the id's UTF-8 bytes, when the mask's bit 6 is set the facility's
//! name (`u16` length and UTF-8 bytes, at most [`NAME_BYTES`]), then for each item in the mask, in order,
//! claimed and recomputed cents as `i64`; then, when the mask's bit 7 is set (an `invalid_input`
//! row's error), the error's Chinese and English messages (each starting with the field), each as
//! a `u16` length and UTF-8 bytes, at most [`ERROR_BYTES`] bytes each.
//!
//! An error's text is kept once however many rows have it (a file's rows often share one), up to
//! [`ERROR_TEXTS`] different texts; past that a row keeps only the field (the drill-down has the
//! rest).

use calc_core::verify::{Report, Verdict};
use rust_decimal::Decimal;

/// The claimed items, in the order of SPEC §8 (their JSON names: a public contract).
pub const ITEMS: [&str; 5] = [
    "vat_exempt_sales",
    "cit_income_reduction",
    "property_tax_exempt",
    "land_use_tax_exempt",
    "deed_tax_exempt",
];

/// The longest error message sent or kept per language (bytes; longer ones are cut at a
/// character, the drill-down has them whole).
pub const ERROR_BYTES: usize = 600;

/// The most different error texts a run keeps.
pub const ERROR_TEXTS: usize = 20_000;

/// The mask bit saying an error follows the amounts.
const HAS_ERROR: u8 = 0x80;

/// The mask bit saying the facility's name follows the id.
const HAS_NAME: u8 = 0x40;

/// The longest facility name kept (bytes; cut at a character).
pub const NAME_BYTES: usize = 200;

/// `s` cut to at most `max` bytes, at a character.
fn cut_at(s: &str, max: usize) -> &str {
    let mut cut = s.len().min(max);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

/// Appends `s` as a `u16` length and its bytes (at most [`ERROR_BYTES`]).
fn put_text(out: &mut Vec<u8>, s: &str) {
    let s = cut_at(s, ERROR_BYTES);
    out.extend_from_slice(&u16::try_from(s.len()).unwrap_or(0).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Cents that cannot be held in an `i64` (the figure is shown from the recomputed report).
pub const NO_CENTS: i64 = i64::MIN;

/// The index of an item name in [`ITEMS`].
#[must_use]
pub fn item_index(name: &str) -> Option<usize> {
    ITEMS.iter().position(|i| *i == name)
}

/// A verdict's index in [`Verdict::ALL`].
#[must_use]
pub fn verdict_index(v: Verdict) -> u8 {
    Verdict::ALL
        .iter()
        .position(|x| *x == v)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(5)
}

/// The verdict at index `i` of [`Verdict::ALL`].
#[must_use]
pub fn verdict_of(i: u8) -> Verdict {
    Verdict::ALL
        .get(usize::from(i))
        .copied()
        .unwrap_or(Verdict::InvalidInput)
}

/// A money figure (at most two decimals, as calc-core rounds them) in cents; [`NO_CENTS`] when
/// it has more decimals or does not fit.
#[must_use]
pub fn cents(d: Decimal) -> i64 {
    let scale = d.scale();
    if scale > 2 {
        return NO_CENTS;
    }
    let factor: i128 = if scale == 2 {
        1
    } else if scale == 1 {
        10
    } else {
        100
    };
    d.mantissa()
        .checked_mul(factor)
        .and_then(|v| i64::try_from(v).ok())
        .filter(|v| *v != NO_CENTS)
        .unwrap_or(NO_CENTS)
}

/// Cents back to money (`None` for [`NO_CENTS`]).
#[must_use]
pub fn from_cents(c: i64) -> Option<Decimal> {
    (c != NO_CENTS).then(|| Decimal::new(c, 2))
}

/// Appends the wire form of `r` (at physical `line`, `len` bytes from byte `offset`; its
/// facility's `name`, if known, for the grid's search).
pub fn encode(out: &mut Vec<u8>, r: &Report, name: Option<&str>, line: u32, offset: u64, len: u32) {
    let mut mask = 0_u8;
    let mut iv = 0_u16;
    let mut amounts = [(0_i64, 0_i64); 5];
    for it in &r.items {
        if let Some(i) = item_index(it.item.as_str()) {
            mask |= 1 << i;
            iv |= u16::from(verdict_index(it.verdict)) << (3 * i);
            amounts[i] = (cents(it.claimed.0), cents(it.recomputed.0));
        }
    }
    let id = cut_at(r.id.as_deref().unwrap_or(""), 1000);
    out.extend_from_slice(&line.to_le_bytes());
    out.extend_from_slice(&offset.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.push(verdict_index(r.verdict));
    let name = name
        .map(|n| cut_at(n, NAME_BYTES))
        .filter(|n| !n.is_empty());
    out.push(
        mask | if r.error.is_some() { HAS_ERROR } else { 0 }
            | if name.is_some() { HAS_NAME } else { 0 },
    );
    out.extend_from_slice(&iv.to_le_bytes());
    out.extend_from_slice(&u16::try_from(id.len()).unwrap_or(0).to_le_bytes());
    out.extend_from_slice(id.as_bytes());
    if let Some(n) = name {
        out.extend_from_slice(&u16::try_from(n.len()).unwrap_or(0).to_le_bytes());
        out.extend_from_slice(n.as_bytes());
    }
    for (i, (c, rc)) in amounts.iter().enumerate() {
        if mask & (1 << i) != 0 {
            out.extend_from_slice(&c.to_le_bytes());
            out.extend_from_slice(&rc.to_le_bytes());
        }
    }
    if let Some(e) = &r.error {
        put_text(out, &e.error_zh);
        put_text(out, &e.error_en);
    }
}

/// One claimed item of a kept row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// Index in [`ITEMS`].
    pub index: usize,
    /// The item's verdict.
    pub verdict: Verdict,
    /// Claimed, in cents ([`NO_CENTS`] when not representable).
    pub claimed: i64,
    /// Recomputed, in cents.
    pub recomputed: i64,
}

impl Item {
    /// claimed − recomputed in cents (0 when either is not representable).
    #[must_use]
    pub fn difference(&self) -> i64 {
        if self.claimed == NO_CENTS || self.recomputed == NO_CENTS {
            return 0;
        }
        self.claimed.saturating_sub(self.recomputed)
    }
}

/// Every kept row of a run, column by column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    line: Vec<u32>,
    offset: Vec<u64>,
    len: Vec<u32>,
    verdict: Vec<u8>,
    mask: Vec<u8>,
    iv: Vec<u16>,
    first: Vec<u32>,
    amounts: Vec<(i64, i64)>,
    id_end: Vec<u32>,
    ids: String,
    /// Where each row's facility name ends in `names` (empty: none).
    name_end: Vec<u32>,
    names: String,
    /// The rows with an error (row, index in `error_texts`), in row order.
    errors: Vec<(u32, u32)>,
    /// Each different error text once: Chinese and English.
    error_texts: Vec<(String, String)>,
    /// Where each text is in `error_texts`.
    error_index: std::collections::HashMap<(String, String), u32>,
    /// Items claimed in any row (bit per [`ITEMS`] index).
    pub items_seen: u8,
}

/// Why a worker's message could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadWire;

fn take<'a>(b: &mut &'a [u8], n: usize) -> Result<&'a [u8], BadWire> {
    if b.len() < n {
        return Err(BadWire);
    }
    let (h, t) = b.split_at(n);
    *b = t;
    Ok(h)
}

fn arr<const N: usize>(b: &mut &[u8]) -> Result<[u8; N], BadWire> {
    take(b, N)?.try_into().map_err(|_| BadWire)
}

fn text<'a>(b: &mut &'a [u8]) -> Result<&'a str, BadWire> {
    let n = usize::from(u16::from_le_bytes(arr(b)?));
    std::str::from_utf8(take(b, n)?).map_err(|_| BadWire)
}

impl Rows {
    /// Rows kept.
    #[must_use]
    pub fn len(&self) -> usize {
        self.line.len()
    }

    /// Whether no row is kept.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.line.is_empty()
    }

    /// Makes room for `more` rows like the ones kept so far (one allocation per column rather
    /// than doubling: 10⁶ rows then take their size, not up to twice it).
    pub fn reserve(&mut self, more: usize) {
        let n = self.len().max(1);
        let amounts = self.amounts.len() * more / n + 16;
        let ids = self.ids.len() * more / n + 16;
        self.line.reserve_exact(more);
        self.offset.reserve_exact(more);
        self.len.reserve_exact(more);
        self.verdict.reserve_exact(more);
        self.mask.reserve_exact(more);
        self.iv.reserve_exact(more);
        self.first.reserve_exact(more);
        self.id_end.reserve_exact(more);
        self.name_end.reserve_exact(more);
        self.amounts.reserve_exact(amounts);
        self.ids.reserve_exact(ids);
        let names = self.names.len() * more / n + 16;
        self.names.reserve_exact(names);
    }

    /// Appends the rows of a worker's message, adding `base` to their line numbers.
    ///
    /// # Errors
    /// When the bytes are not whole rows (nothing of the broken row is kept).
    pub fn push_wire(&mut self, mut b: &[u8], base: u32) -> Result<usize, BadWire> {
        let mut n = 0;
        while !b.is_empty() {
            let line = u32::from_le_bytes(arr(&mut b)?).saturating_add(base);
            let offset = u64::from_le_bytes(arr(&mut b)?);
            let len = u32::from_le_bytes(arr(&mut b)?);
            let [verdict, mask] = arr(&mut b)?;
            let iv = u16::from_le_bytes(arr(&mut b)?);
            let id_len = usize::from(u16::from_le_bytes(arr(&mut b)?));
            let id = std::str::from_utf8(take(&mut b, id_len)?).map_err(|_| BadWire)?;
            let name = if mask & HAS_NAME != 0 {
                text(&mut b)?
            } else {
                ""
            };
            let k = (mask & 0x1f).count_ones() as usize;
            let mut am = [(0_i64, 0_i64); 5];
            for a in am.iter_mut().take(k) {
                *a = (
                    i64::from_le_bytes(arr(&mut b)?),
                    i64::from_le_bytes(arr(&mut b)?),
                );
            }
            if mask & HAS_ERROR != 0 {
                let zh = text(&mut b)?;
                let en = text(&mut b)?;
                let row = u32::try_from(self.line.len()).unwrap_or(u32::MAX);
                self.add_error(row, zh, en);
            }
            self.first
                .push(u32::try_from(self.amounts.len()).unwrap_or(u32::MAX));
            self.amounts.extend_from_slice(&am[..k]);
            self.line.push(line);
            self.offset.push(offset);
            self.len.push(len);
            self.verdict.push(verdict);
            self.mask.push(mask & 0x1f);
            self.iv.push(iv);
            self.ids.push_str(id);
            self.id_end
                .push(u32::try_from(self.ids.len()).unwrap_or(u32::MAX));
            self.names.push_str(name);
            self.name_end
                .push(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
            self.items_seen |= mask & 0x1f;
            n += 1;
        }
        Ok(n)
    }

    /// Keeps the error of row `row` (the texts once for all rows that share them).
    fn add_error(&mut self, row: u32, zh: &str, en: &str) {
        let key = (zh.to_string(), en.to_string());
        let idx = match self.error_index.get(&key) {
            Some(i) => *i,
            None if self.error_texts.len() < ERROR_TEXTS => {
                let i = u32::try_from(self.error_texts.len()).unwrap_or(u32::MAX);
                self.error_texts.push(key.clone());
                self.error_index.insert(key, i);
                i
            }
            // Too many different texts: the field alone (what comes before the first colon).
            None => {
                let short = |s: &str, sep: &str| {
                    s.split_once(sep)
                        .map_or_else(String::new, |(f, _)| format!("{f}{sep}…"))
                };
                let key = (short(zh, "："), short(en, ": "));
                if let Some(i) = self.error_index.get(&key) {
                    *i
                } else {
                    let i = u32::try_from(self.error_texts.len()).unwrap_or(u32::MAX);
                    self.error_texts.push(key.clone());
                    self.error_index.insert(key, i);
                    i
                }
            }
        };
        self.errors.push((row, idx));
    }

    /// Row `i`'s error (Chinese, English; each starting with the field), if it has one.
    #[must_use]
    pub fn error(&self, i: usize) -> Option<(&str, &str)> {
        let row = u32::try_from(i).ok()?;
        let at = self.errors.binary_search_by_key(&row, |(r, _)| *r).ok()?;
        let (zh, en) = self.error_texts.get(self.errors[at].1 as usize)?;
        Some((zh, en))
    }

    /// Appends rows `from..to` in the wire form [`Rows::push_wire`] reads (lines as kept), so a
    /// run's rows can be stored (IndexedDB) and read back.
    pub fn to_wire(&self, from: usize, to: usize, out: &mut Vec<u8>) {
        for i in from..to.min(self.len()) {
            out.extend_from_slice(&self.line[i].to_le_bytes());
            out.extend_from_slice(&self.offset[i].to_le_bytes());
            out.extend_from_slice(&self.len[i].to_le_bytes());
            out.push(self.verdict[i]);
            let error = self.error(i);
            let name = self.name(i);
            out.push(
                self.mask[i]
                    | if error.is_some() { HAS_ERROR } else { 0 }
                    | if name.is_empty() { 0 } else { HAS_NAME },
            );
            out.extend_from_slice(&self.iv[i].to_le_bytes());
            let id = self.id(i);
            out.extend_from_slice(&u16::try_from(id.len()).unwrap_or(0).to_le_bytes());
            out.extend_from_slice(id.as_bytes());
            if !name.is_empty() {
                put_text(out, name);
            }
            let first = self.first[i] as usize;
            let k = self.mask[i].count_ones() as usize;
            for (c, rc) in self.amounts.iter().skip(first).take(k) {
                out.extend_from_slice(&c.to_le_bytes());
                out.extend_from_slice(&rc.to_le_bytes());
            }
            if let Some((zh, en)) = error {
                put_text(out, zh);
                put_text(out, en);
            }
        }
    }

    /// The physical line of row `i`.
    #[must_use]
    pub fn line(&self, i: usize) -> u32 {
        self.line.get(i).copied().unwrap_or(0)
    }

    /// Where row `i`'s claim sits in the file: byte offset and length.
    #[must_use]
    pub fn span(&self, i: usize) -> (u64, u32) {
        (
            self.offset.get(i).copied().unwrap_or(0),
            self.len.get(i).copied().unwrap_or(0),
        )
    }

    /// Row `i`'s verdict.
    #[must_use]
    pub fn verdict(&self, i: usize) -> Verdict {
        verdict_of(self.verdict.get(i).copied().unwrap_or(5))
    }

    /// Row `i`'s id (empty when the claim has none).
    #[must_use]
    pub fn id(&self, i: usize) -> &str {
        let end = self.id_end.get(i).copied().unwrap_or(0) as usize;
        let start = if i == 0 {
            0
        } else {
            self.id_end.get(i - 1).copied().unwrap_or(0) as usize
        };
        self.ids.get(start..end).unwrap_or("")
    }

    /// Row `i`'s facility name (empty when the claim has none).
    #[must_use]
    pub fn name(&self, i: usize) -> &str {
        let end = self.name_end.get(i).copied().unwrap_or(0) as usize;
        let start = if i == 0 {
            0
        } else {
            self.name_end.get(i - 1).copied().unwrap_or(0) as usize
        };
        self.names.get(start..end).unwrap_or("")
    }

    /// Row `i`'s claimed items, in [`ITEMS`] order.
    #[must_use]
    pub fn items(&self, i: usize) -> Vec<Item> {
        let mask = self.mask.get(i).copied().unwrap_or(0);
        let iv = self.iv.get(i).copied().unwrap_or(0);
        let mut at = self.first.get(i).copied().unwrap_or(0) as usize;
        let mut out = Vec::new();
        for index in 0..ITEMS.len() {
            if mask & (1 << index) != 0 {
                let (claimed, recomputed) = self.amounts.get(at).copied().unwrap_or((0, 0));
                at += 1;
                out.push(Item {
                    index,
                    verdict: verdict_of(u8::try_from((iv >> (3 * index)) & 7).unwrap_or(5)),
                    claimed,
                    recomputed,
                });
            }
        }
        out
    }

    /// Whether row `i` has item `index` claimed with a verdict other than `match`.
    #[must_use]
    pub fn item_differs(&self, i: usize, index: usize) -> bool {
        let mask = self.mask.get(i).copied().unwrap_or(0);
        let iv = self.iv.get(i).copied().unwrap_or(0);
        mask & (1 << index) != 0 && (iv >> (3 * index)) & 7 != 0
    }

    /// The difference used to sort: of item `item`, or summed over the row's items, in cents.
    #[must_use]
    pub fn difference(&self, i: usize, item: Option<usize>) -> i64 {
        self.items(i)
            .iter()
            .filter(|it| item.is_none_or(|x| x == it.index))
            .fold(0_i64, |a, it| a.saturating_add(it.difference()))
    }

    /// Bytes held (for the memory figure on screen).
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.line.capacity() * 4
            + self.offset.capacity() * 8
            + self.len.capacity() * 4
            + self.verdict.capacity()
            + self.mask.capacity()
            + self.iv.capacity() * 2
            + self.first.capacity() * 4
            + self.amounts.capacity() * 16
            + self.id_end.capacity() * 4
            + self.ids.capacity()
            + self.name_end.capacity() * 4
            + self.names.capacity()
            + self.errors.capacity() * 8
            + self
                .error_texts
                .iter()
                .map(|(zh, en)| zh.len() + en.len() + 48)
                .sum::<usize>()
                * 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn cents_round_trip() {
        let d = Decimal::new(-5_000_000, 2);
        assert_eq!(cents(d), -5_000_000);
        assert_eq!(from_cents(cents(d)), Some(d));
        assert_eq!(cents(Decimal::new(12, 0)), 1200);
        assert_eq!(cents(Decimal::new(12_345, 3)), NO_CENTS);
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn rows_read_back_from_their_wire_form() {
        use calc_core::verify::{ClaimItem, ItemReport};
        use calc_core::Dec;
        let item = |name: ClaimItem, c: i64, r: i64, v: Verdict| ItemReport {
            item: name,
            claimed: Dec(Decimal::new(c, 2)),
            recomputed: Dec(Decimal::new(r, 2)),
            difference: Dec(Decimal::new(c - r, 2)),
            verdict: v,
            reasons: Vec::new(),
        };
        let mut a = Report::invalid(
            Some("甲-1".into()),
            &calc_core::Error::new("x", "错", "bad"),
            None,
        );
        a.verdict = Verdict::OverClaimed;
        a.error = None;
        a.items = vec![
            item(
                ClaimItem::CitIncomeReduction,
                500,
                400,
                Verdict::OverClaimed,
            ),
            item(ClaimItem::DeedTaxExempt, 7, 7, Verdict::Match),
        ];
        let b = Report::invalid(None, &calc_core::Error::new("x", "错", "bad"), None);
        let mut wire = Vec::new();
        encode(&mut wire, &a, Some("晋宁区第一托育园"), 2, 10, 99);
        encode(&mut wire, &b, None, 5, 200, 3);
        let mut rows = Rows::default();
        assert_eq!(rows.push_wire(&wire, 0), Ok(2));
        let mut again = Vec::new();
        rows.to_wire(0, rows.len(), &mut again);
        assert_eq!(again, wire);
        let mut back = Rows::default();
        back.push_wire(&again[..], 0).expect("whole rows");
        assert_eq!(back.id(0), "甲-1");
        assert_eq!(back.line(1), 5);
        assert_eq!(back.items(0), rows.items(0));
        assert_eq!(back.difference(0, None), 100);
        // The invalid row keeps its error (the field and what is wrong), the other none.
        assert_eq!(back.error(1), Some(("x：错", "x: bad")));
        assert_eq!(back.error(0), None);
        assert_eq!(back.name(0), "晋宁区第一托育园");
        assert_eq!(back.name(1), "");
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn an_error_text_is_kept_once_and_cut_at_a_character() {
        let long = "错".repeat(400);
        let e = calc_core::Error::new("childcare_revenue", &long, "bad");
        let mut wire = Vec::new();
        for line in 2..5 {
            encode(
                &mut wire,
                &Report::invalid(None, &e, None),
                None,
                line,
                0,
                1,
            );
        }
        let mut rows = Rows::default();
        assert_eq!(rows.push_wire(&wire, 0), Ok(3));
        assert_eq!(rows.error_texts.len(), 1);
        let (zh, en) = rows.error(2).expect("an error");
        assert!(
            zh.starts_with("childcare_revenue：错") && zh.len() <= ERROR_BYTES,
            "{zh}"
        );
        assert_eq!(en, "childcare_revenue: bad");
    }
}
