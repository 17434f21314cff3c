//! The claims template: every column the reader accepts ([`template_columns`], made from
//! [`CLAIM_COLUMNS`] — the one column list — with a second item of each list: `property2_…`,
//! `land2_…`, `acquisition2_…`), headed in Chinese, with one example row ([`template_example`])
//! and the notes that explain every column in Chinese and English ([`template_notes`]). The
//! command line and the browser write their CSV and Excel templates from these.
//!
//! ```
//! use calc_core::frontend::flat;
//!
//! // The CSV template reads back as its example claim.
//! let mut r = flat::ClaimReader::new();
//! r.push(flat::template_csv().as_bytes());
//! r.finish();
//! let (line, claim) = r.next_claim()?.expect("the example row");
//! assert_eq!(line, 2);
//! assert_eq!(claim.ok(), flat::template_example().ok());
//! # Ok::<(), calc_core::Error>(())
//! ```

use super::columns::{doc, is_indexed, numbered_name, numbered_zh, ClaimHeaders, COLS};
use super::sheet::{exact_number, is_date_column};
use super::{csv_line, ColumnDoc, CLAIM_COLUMNS, CSV_BOM};
use crate::verify::Claim;

/// A column of the claims template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateColumn {
    /// The English name (`property2_original_value`).
    pub name: String,
    /// The Chinese heading (`房产原值2`), what the template's header row shows.
    pub heading: String,
    /// The item of its list, 0-based (1 for `property2_…`).
    pub item: usize,
    /// The column's documentation (of its first item).
    pub doc: &'static ColumnDoc,
}

/// Items of each list the template has columns for (the reader takes up to 9).
pub const TEMPLATE_ITEMS: usize = 2;

/// Every column of the template, in order: the columns of [`CLAIM_COLUMNS`], each list's
/// columns followed by the same columns for its second item.
#[must_use]
pub fn template_columns() -> Vec<TemplateColumn> {
    let mut out = Vec::new();
    let col = |i: usize, item: usize| TemplateColumn {
        name: numbered_name(CLAIM_COLUMNS[i].name, item),
        heading: numbered_zh(CLAIM_COLUMNS[i].name, item),
        item,
        doc: &CLAIM_COLUMNS[i],
    };
    let mut i = 0;
    while i < COLS.len() {
        if !is_indexed(COLS[i]) {
            out.push(col(i, 0));
            i += 1;
            continue;
        }
        // A list's columns: the run of indexed columns sharing the first one's prefix.
        let prefix = list_prefix(doc(COLS[i]).name);
        let end = (i..COLS.len())
            .find(|&j| !is_indexed(COLS[j]) || list_prefix(doc(COLS[j]).name) != prefix)
            .unwrap_or(COLS.len());
        for item in 0..TEMPLATE_ITEMS {
            for j in i..end {
                out.push(col(j, item));
            }
        }
        i = end;
    }
    out
}

fn list_prefix(name: &str) -> &str {
    name.split('_').next().unwrap_or(name)
}

/// The example claim of the template's second row: a community nursery with an owned and a
/// leased building, a plot and a purchase, claiming what the library recomputes (`match`).
///
/// # Errors
/// None in practice: the example is a constant the tests read and verify.
pub fn template_example() -> Result<Claim, crate::Error> {
    Claim::from_json(EXAMPLE)
}

const EXAMPLE: &str = r#"{"schema": "tuoyu.claim.v1", "id": "示例-2026-001",
  "request": {"schema": "tuoyu.request.v1", "year": 2026,
    "facility": {"name": "示例社区托育园", "legal_form": "enterprise", "community_based": true,
      "service_modes": ["full_day", "half_day"], "filed_with_health_commission": true,
      "location_class": "urban", "nursery_vat_law": false, "region": "530115"},
    "taxpayer": {"vat": "general", "small_low_profit": false, "vat_period": "month"},
    "revenue": {"childcare": "1060000", "other": "0", "input_vat_on_childcare": "0"},
    "income_tax": {"taxable_income": "500000"},
    "properties": [
      {"tenure": "owned", "original_value": "2000000", "used_from": "2026-01-01", "used_to": "2026-12-31"},
      {"tenure": "leased", "annual_rent": "240000", "used_from": "2026-03-01", "used_to": "2026-12-31"}],
    "land": [{"area_m2": "500", "tax_per_m2": "6", "tenure": "owned",
      "used_from": "2026-01-01", "used_to": "2026-12-31"}],
    "acquisitions": [{"kind": "house", "price": "3000000", "date": "2026-03-01"}]},
  "claimed": {"vat_exempt_sales": "1060000.00", "cit_income_reduction": "106000.00",
    "property_tax_exempt": "16800.00", "land_use_tax_exempt": "3000.00", "deed_tax_exempt": "90000.00"}}"#;

/// How a spreadsheet writer stores the template's example row ([`template_rows`]), cell by
/// cell: `Some(number)` for an amount (as an officer types it), `None` for text — an id, a
/// date, a region code, a choice — or an empty cell.
#[must_use]
pub fn template_example_numbers() -> Vec<Option<f64>> {
    let (_, example) = template_rows();
    template_columns()
        .iter()
        .zip(&example)
        .map(|(col, cell)| {
            let name = col.name.as_str();
            let number = !is_date_column(name) && name != "id" && name != "region";
            number.then(|| exact_number(cell)).flatten()
        })
        .collect()
}

/// The template's header row (Chinese headings) and example row, as cells.
#[must_use]
pub fn template_rows() -> (Vec<String>, Vec<String>) {
    let cols = template_columns();
    let headings: Vec<String> = cols.iter().map(|c| c.heading.clone()).collect();
    let refs: Vec<&str> = headings.iter().map(String::as_str).collect();
    let example = template_example()
        .and_then(|c| ClaimHeaders::new(&refs)?.record(&c))
        .unwrap_or_default();
    (headings, example)
}

/// The claims template as a CSV file: a UTF-8 byte-order mark (Excel then reads it as UTF-8),
/// the Chinese header row and the example row, lines ending in CRLF (as Excel writes them).
#[must_use]
pub fn template_csv() -> String {
    let (headings, example) = template_rows();
    let mut out = String::from(CSV_BOM);
    for row in [headings, example] {
        let line = csv_line(&row);
        out.push_str(line.trim_end_matches('\n'));
        out.push_str("\r\n");
    }
    out
}

/// How to fill in the template (the notes under the column list).
pub const TEMPLATE_NOTES: [&str; 4] = [
    "第一行为列名，可用中文列名或英文列名；列的顺序不限，可只保留需要的列（必填列除外）。",
    "第二行是示例，填写前请删除或覆盖；每一行是一笔申报，空白单元格表示未填写。",
    "金额可填数字或文本（如 1200000 或 1,200,000）；日期可用 Excel 日期格式或 YYYY-MM-DD。",
    "第二处及以后的房产、土地、承受：中文列名后加序号（如 房产原值2），或英文列名前缀后加序号（如 property2_original_value），序号 2—9。",
];

/// The column notes as rows of cells: a heading row (`列名, 英文列名, 是否必填, 填写说明,
/// Meaning`), one row per template column, then [`TEMPLATE_NOTES`] (one cell each).
#[must_use]
pub fn template_notes() -> Vec<Vec<String>> {
    let mut rows = vec![[
        "列名",
        "英文列名 column",
        "是否必填 required",
        "填写说明",
        "Meaning",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect::<Vec<_>>()];
    for c in template_columns() {
        let (zh, en) = meaning(&c);
        rows.push(vec![
            c.heading,
            c.name,
            if c.doc.required { "必填 yes" } else { "" }.to_string(),
            zh,
            en,
        ]);
    }
    rows.extend(TEMPLATE_NOTES.iter().map(|n| vec![(*n).to_string()]));
    rows
}

/// The notes of [`template_notes`] as a plain text file for the CSV template, which has no
/// second sheet to hold them: a byte-order mark and CRLF line ends (so that Notepad on Chinese
/// Windows shows it right), each column as `heading（name，必填）：说明 / meaning`, then
/// [`TEMPLATE_NOTES`].
///
/// ```
/// use calc_core::frontend::flat;
/// let notes = flat::template_notes_text();
/// assert!(notes.contains("托育服务收入（childcare_revenue）："));
/// assert!(notes.contains("所属年度（year，必填）："));
/// ```
#[must_use]
pub fn template_notes_text() -> String {
    let mut out = String::from(CSV_BOM);
    out.push_str("申报模板填写说明 / How to fill in the claims template\r\n\r\n");
    out.push_str("各列 / The columns\r\n");
    for c in template_columns() {
        let (zh, en) = meaning(&c);
        let required = if c.doc.required { "，必填" } else { "" };
        out.push_str(&format!(
            "{}（{}{required}）：{zh} / {en}\r\n",
            c.heading, c.name
        ));
    }
    out.push_str("\r\n填写要求 / How to fill it in\r\n");
    for n in TEMPLATE_NOTES {
        out.push_str(&format!("- {n}\r\n"));
    }
    out
}

/// What a template column means, in Chinese and English; a numbered item's column says which
/// item (`第 2 处：…`, `item 2: …`).
fn meaning(c: &TemplateColumn) -> (String, String) {
    if c.item == 0 {
        (c.doc.zh.to_string(), c.doc.en.to_string())
    } else {
        (
            format!("第 {} 处：{}", c.item + 1, c.doc.zh),
            format!("item {}: {}", c.item + 1, c.doc.en),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::{verify_claim, Verdict};

    #[test]
    fn the_template_header_is_every_column_the_reader_accepts_up_to_the_second_item() {
        let cols = template_columns();
        let (headings, example) = template_rows();
        let refs: Vec<&str> = headings.iter().map(String::as_str).collect();
        let h = ClaimHeaders::new(&refs).expect("the template's header reads");
        let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            h.names(),
            names,
            "Chinese headings read as the English names"
        );
        // The reader's accepted columns: every documented column, and for a list's columns
        // the numbered ones (2–9); the template has them up to the second item.
        let mut accepted = Vec::new();
        for c in CLAIM_COLUMNS {
            accepted.push(c.name.to_string());
        }
        for c in CLAIM_COLUMNS {
            let n = numbered_name(c.name, 1);
            if n != c.name
                && ClaimHeaders::new(&[
                    "year",
                    "legal_form",
                    "community_based",
                    "service_modes",
                    "filed_with_health_commission",
                    n.as_str(),
                ])
                .is_ok()
            {
                accepted.push(n);
            }
        }
        let mut want = accepted.clone();
        want.sort();
        let mut got: Vec<String> = names.iter().map(|s| (*s).to_string()).collect();
        got.sort();
        assert_eq!(got, want);
        for name in [
            "vat_period",
            "nursery_vat_law",
            "region",
            "land_used_from",
            "land_used_to",
            "property2_original_value",
            "land2_area_m2",
            "acquisition2_price",
        ] {
            assert!(names.contains(&name), "{name}");
        }
        // A third item is accepted by the reader but left to the notes.
        assert!(ClaimHeaders::new(&[
            "year",
            "legal_form",
            "community_based",
            "service_modes",
            "filed_with_health_commission",
            "property3_tenure",
            "房产原值3"
        ])
        .is_ok());
        assert_eq!(example.len(), headings.len());
        assert_eq!(
            template_notes().len(),
            1 + cols.len() + TEMPLATE_NOTES.len()
        );
    }

    #[test]
    fn the_template_example_row_reads_back_as_a_matching_claim() {
        let (headings, example) = template_rows();
        let refs: Vec<&str> = headings.iter().map(String::as_str).collect();
        let cells: Vec<&str> = example.iter().map(String::as_str).collect();
        let h = ClaimHeaders::new(&refs).expect("header");
        let c = h.claim(&cells).expect("the example row is a valid claim");
        assert_eq!(c, template_example().expect("example"));
        assert_eq!(c.request.properties.len(), 2);
        let r = verify_claim(&c);
        assert_eq!(r.verdict, Verdict::Match, "{r:?}");
        assert_eq!(r.items.len(), 5);
        assert!(template_csv().starts_with('\u{feff}'));
    }
}
