//! The flat CSV form of claims and reports, shared by the command line and the browser so that
//! no front end maps columns on its own.
//!
//! A claim is one CSV record; its columns are found **by header name** (any order, any subset
//! beyond the required ones). An empty cell means the field is absent. It turns a record's cells
//! into a [`Claim`] and a [`Report`] into cells, and it holds tuoyu's one CSV tokenizer
//! ([`RecordSplitter`], [`split_cells`], and the readers over them, [`CsvReader`] and
//! [`ClaimReader`]): the command line and the browser read CSV with it, so a file gives the same
//! rows, lines and errors everywhere (its rules — line ends, quotes, an unclosed quote — are in
//! [`tokenizer`]).
//!
//! Its rooms, by what they do:
//! - [`columns`]: the documented claim columns and a header row resolved into [`ClaimHeaders`];
//! - [`claim`]: a record's cells → a validated [`Claim`], and back;
//! - [`report`]: a [`Report`] → the cells and lines of the report CSV;
//! - [`tokenizer`]: where records and cells end (RFC 4180, line ends, unclosed quotes);
//! - [`reader`]: readers that own a buffer — records ([`CsvReader`]) or claims ([`ClaimReader`]);
//! - [`template`]: the claims template (every column, an example row, the notes);
//! - [`sniff`]: what a file is, from its first bytes (text, GBK, a workbook, or not claims);
//! - [`sheet`]: spreadsheet cells ([`Cell`]: number, date, text, boolean, empty) → CSV records
//!   ([`SheetCsv`]), for the Excel readers of the command line and the browser.
//!
//! ```
//! use calc_core::frontend::flat;
//!
//! let headers = ["id", "year", "legal_form", "community_based", "service_modes",
//!                "filed_with_health_commission", "vat", "childcare_revenue",
//!                "claimed_vat_exempt_sales"];
//! let fields = ["c-1", "2026", "enterprise", "true", "full_day;hourly", "true", "general",
//!               "1060000", "1060000.00"];
//! let claim = flat::claim_from_record(&headers, &fields)?;
//! let report = calc_core::verify::verify_claim(&claim);
//! assert_eq!(report.verdict.as_str(), "match");
//! let row = flat::report_row(&report);
//! assert_eq!(row.len(), flat::report_header().len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Claim columns
//! See [`CLAIM_COLUMNS`] (name, JSON path, meaning). Property, land and acquisition columns
//! describe the first item of their list; a digit after the prefix describes another item:
//! `property2_original_value` is `request.properties[1].original_value` (2–9). Fees, utilities,
//! parameter overrides and the fee-benchmark, capacity and donations sections have no columns —
//! they do not enter a claim's figures or need the JSON form (`tuoyu.claim.v1`).
//!
//! ## Errors
//! An [`Error`] whose `path` is the **column heading** at fault as the file has it
//! (`childcare_revenue`, `property2_used_to`; `托育服务收入` in a Chinese-headed file —
//! [`ClaimHeaders::headings`]): an unknown header, a cell that cannot be read, a required column
//! missing or empty, a value the request or claim rules refuse (negative amount, `used_from`
//! after `used_to`, …). A record whose field count differs from the header's has an empty path.
//! A header row's missing columns are named in the file's language (`所属年度` when its headings
//! are Chinese; in English `所属年度 (year)`).

#[cfg(doc)]
use crate::{
    error::Error,
    verify::{Claim, Report},
};

pub mod claim;
pub mod columns;
pub mod reader;
pub mod report;
pub mod sheet;
pub mod sniff;
pub mod template;
pub mod tokenizer;

pub use claim::claim_from_record;
pub use columns::{ClaimHeaders, ColumnDoc, CLAIM_COLUMNS, CLAIM_COLUMNS_ZH};
pub use reader::{
    csv_records, not_utf8_error, too_long_error, unclosed_quote_error, ClaimReader, CsvReader,
    CsvRecord, CsvRecords, CSV_MAX_RECORD,
};
pub use report::{
    csv_line, is_number_column, report_column, report_header, report_header_in, report_reasons,
    report_row, report_row_in, report_row_plain, report_warnings, text_cell, write_report_line,
    write_report_line_in, write_report_line_plain, CLAIM_ITEMS, CSV_BOM,
};
pub use sheet::{
    cell_text, exact_number, is_date_column, is_money_column, report_sheet_name, Cell, SheetCsv,
    MONEY_FORMAT,
};
pub use template::{
    template_columns, template_csv, template_example, template_example_numbers, template_notes,
    template_notes_text, template_rows, TemplateColumn, TEMPLATE_ITEMS, TEMPLATE_NOTES,
};
pub use tokenizer::{split_cells, Piece, RecordSplitter};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Amount, Property, Tenure, VatPeriod};
    use crate::verify::{verify_claim, Claim, Report, Verdict};
    use rust_decimal::Decimal;

    const H: &[&str] = &[
        "id",
        "year",
        "legal_form",
        "community_based",
        "service_modes",
        "filed_with_health_commission",
        "vat",
        "small_low_profit",
        "childcare_revenue",
        "taxable_income",
        "property_tenure",
        "property_original_value",
        "claimed_vat_exempt_sales",
        "claimed_cit_income_reduction",
        "claimed_property_tax_exempt",
    ];

    fn row<'a>(over: &[(&str, &'a str)]) -> Vec<&'a str> {
        let base = [
            "c1",
            "2026",
            "enterprise",
            "true",
            "full_day;half_day",
            "true",
            "general",
            "false",
            "1060000",
            "500000",
            "owned",
            "2000000",
            "1060000.00",
            "106000.00",
            "",
        ];
        H.iter()
            .zip(base)
            .map(|(h, v)| over.iter().find(|(k, _)| k == h).map_or(v, |(_, x)| *x))
            .collect()
    }

    #[test]
    fn a_well_formed_record_becomes_the_same_claim_as_its_json() {
        let c = claim_from_record(H, &row(&[])).unwrap();
        let json = r#"{"schema":"tuoyu.claim.v1","id":"c1","request":{"schema":"tuoyu.request.v1","year":2026,
          "facility":{"legal_form":"enterprise","community_based":true,"service_modes":["full_day","half_day"],
          "filed_with_health_commission":true},"taxpayer":{"vat":"general","small_low_profit":false},
          "revenue":{"childcare":"1060000"},"income_tax":{"taxable_income":"500000"},
          "properties":[{"tenure":"owned","original_value":"2000000"}]},
          "claimed":{"vat_exempt_sales":"1060000.00","cit_income_reduction":"106000.00"}}"#;
        assert_eq!(c, Claim::from_json(json).unwrap());
        let r = verify_claim(&c);
        assert_eq!(r.verdict, Verdict::Match, "{r:?}");
    }

    #[test]
    fn choices_read_as_the_page_words_them_in_chinese_or_english() {
        let coded = claim_from_record(H, &row(&[])).unwrap();
        for (legal_form, modes, vat, tenure) in [
            ("企业", "全日托；半日托", "一般纳税人", "自有"),
            ("企业（公司）", "全日托、半日托", "一般纳税人", "自有"),
            ("公司", "全日托;半日托", "一般纳税人", "自有"),
            (
                "Enterprise (company)",
                "Full day;half day",
                "General taxpayer",
                "Owned",
            ),
        ] {
            let worded = claim_from_record(
                H,
                &row(&[
                    ("legal_form", legal_form),
                    ("service_modes", modes),
                    ("vat", vat),
                    ("property_tenure", tenure),
                ]),
            )
            .unwrap_or_else(|e| panic!("{legal_form} {modes} {vat}: {e}"));
            assert_eq!(worded, coded, "{legal_form} {modes} {vat} {tenure}");
        }
        let public = claim_from_record(H, &row(&[("legal_form", "事业单位")])).unwrap();
        assert_eq!(
            public.request.facility.legal_form,
            crate::request::LegalForm::PublicInstitution
        );
        let e = claim_from_record(H, &row(&[("legal_form", "合伙")])).unwrap_err();
        assert_eq!(e.path(), "legal_form");
        assert!(
            e.message_zh().contains("或中文：企业、公办"),
            "{}",
            e.message_zh()
        );
    }

    #[test]
    fn every_word_a_choice_error_offers_reads_back() {
        // Each choice column, with a word no list has: the error lists the codes and the
        // Chinese words, and each of those, typed in the cell, is read.
        let mut h = H.to_vec();
        h.extend([
            "location_class",
            "vat_period",
            "land_area_m2",
            "land_tenure",
        ]);
        h.extend(["acquisition_kind", "acquisition_price"]);
        let base = |over: &[(&str, &str)]| -> Vec<String> {
            let mut f: Vec<String> = row(&[]).into_iter().map(String::from).collect();
            f.extend(["urban", "month", "100", "owned", "house", "1000"].map(String::from));
            for (k, v) in over {
                let i = h.iter().position(|x| x == k).expect("column");
                f[i] = (*v).to_string();
            }
            f
        };
        let read = |over: &[(&str, &str)]| {
            let f = base(over);
            let refs: Vec<&str> = f.iter().map(String::as_str).collect();
            claim_from_record(&h, &refs)
        };
        for col in [
            "legal_form",
            "service_modes",
            "location_class",
            "vat",
            "vat_period",
            "property_tenure",
            "land_tenure",
            "acquisition_kind",
        ] {
            let e = read(&[(col, "合伙")]).unwrap_err();
            let zh = e.message_zh();
            let (_, words) = zh.split_once("或中文：").unwrap_or_else(|| panic!("{zh}"));
            let words = words.trim_end_matches('）');
            for word in words.split('、') {
                assert!(
                    !word.contains(['（', '：', '(', ':']),
                    "{col}: {word:?} in {zh}"
                );
                read(&[(col, word)]).unwrap_or_else(|e| panic!("{col} {word:?}: {e}"));
            }
            let codes = zh
                .split_once("以下之一：")
                .and_then(|(_, r)| r.split_once('（'))
                .map(|(c, _)| c)
                .unwrap_or_else(|| panic!("{zh}"));
            for code in codes.split(" | ") {
                read(&[(col, code)]).unwrap_or_else(|e| panic!("{col} {code:?}: {e}"));
            }
        }
        let e = read(&[("legal_form", "合伙")]).unwrap_err();
        assert!(
            e.message_zh()
                .contains("或中文：企业、公办、社会组织、个体工商户、其他"),
            "{}",
            e.message_zh()
        );
    }

    #[test]
    fn empty_cells_are_absent_fields() {
        let c = claim_from_record(H, &row(&[("vat", ""), ("small_low_profit", "")])).unwrap();
        assert_eq!(c.request.taxpayer, None);
        assert_eq!(c.claimed.property_tax_exempt, None);
    }

    #[test]
    fn monthly_revenue_is_twelve_semicolon_separated_amounts() {
        let c = claim_from_record(
            H,
            &row(&[("childcare_revenue", "1;2;3;4;5;6;7;8;9;10;11;12")]),
        )
        .unwrap();
        match c.request.revenue.unwrap().childcare.unwrap() {
            Amount::Monthly(m) => assert_eq!(m[11], Decimal::from(12)),
            a => panic!("{a:?}"),
        }
        let e = claim_from_record(H, &row(&[("childcare_revenue", "1;2;3")])).unwrap_err();
        assert_eq!(e.path(), "childcare_revenue");
        assert!(e.message_en().contains("found 3"), "{}", e.message_en());
    }

    #[test]
    fn errors_name_the_column() {
        let e = claim_from_record(H, &row(&[("childcare_revenue", "1,0000")])).unwrap_err();
        assert_eq!(e.path(), "childcare_revenue");
        let e = claim_from_record(H, &row(&[("community_based", "maybe")])).unwrap_err();
        assert_eq!(e.path(), "community_based");
        let e = claim_from_record(H, &row(&[("year", "1999")])).unwrap_err();
        assert_eq!(e.path(), "year");
        let e = claim_from_record(H, &row(&[("property_original_value", "-5")])).unwrap_err();
        assert_eq!(e.path(), "property_original_value");
        assert!(
            e.message_en().starts_with("property_original_value: "),
            "{}",
            e.message_en()
        );
        let e = claim_from_record(H, &row(&[("claimed_vat_exempt_sales", "-1")])).unwrap_err();
        assert_eq!(e.path(), "claimed_vat_exempt_sales");
        let e = claim_from_record(H, &row(&[("service_modes", "")])).unwrap_err();
        assert_eq!(e.path(), "service_modes");
        let e = claim_from_record(H, &row(&[("service_modes", "full_day;nightly")])).unwrap_err();
        assert_eq!(e.path(), "service_modes");
    }

    /// `H` under the Chinese headings of the claims template.
    fn zh_headers() -> Vec<&'static str> {
        H.iter()
            .map(|n| {
                CLAIM_COLUMNS_ZH
                    .iter()
                    .find(|(_, en)| en == n)
                    .map_or(*n, |(zh, _)| *zh)
            })
            .collect()
    }

    #[test]
    fn errors_of_a_chinese_headed_file_name_the_column_as_typed() {
        let zh = zh_headers();
        // A cell the reader cannot read, one a rule refuses, an empty required one.
        for (en, cell, heading) in [
            ("childcare_revenue", "1,0000", "托育服务收入"),
            ("community_based", "maybe", "是否依托社区"),
            ("year", "1999", "所属年度"),
            ("property_original_value", "-5", "房产原值"),
            ("claimed_vat_exempt_sales", "-1", "申报免税销售额"),
            ("service_modes", "", "服务方式"),
        ] {
            let e = claim_from_record(&zh, &row(&[(en, cell)])).unwrap_err();
            assert_eq!(e.path(), heading, "{en}");
            assert!(
                e.message_zh().starts_with(&format!("{heading}：")),
                "{}",
                e.message_zh()
            );
        }
        // A heading typed with spaces or a BOM is named without them; the contract names stay.
        let mut spaced = zh.clone();
        spaced[0] = "\u{feff} 申报编号 ";
        let h = ClaimHeaders::new(&spaced).unwrap();
        assert_eq!(h.headings()[0], "申报编号");
        assert_eq!(h.names()[0], "id");
        assert_eq!(h.names()[8], "childcare_revenue");
        assert_eq!(h.headings()[8], "托育服务收入");
        // English headings are named as before.
        let e = claim_from_record(H, &row(&[("childcare_revenue", "x")])).unwrap_err();
        assert_eq!(e.path(), "childcare_revenue");
    }

    #[test]
    fn a_bad_header_names_the_missing_columns_in_the_files_language() {
        let zh: Vec<&str> = zh_headers()
            .into_iter()
            .filter(|h| *h != "所属年度" && *h != "举办者类型")
            .chain(["颜色"])
            .collect();
        let e = ClaimHeaders::new(&zh).unwrap_err();
        assert!(
            e.message_zh()
                .contains("缺少必需的列：所属年度、举办者类型"),
            "{}",
            e.message_zh()
        );
        assert!(
            e.message_zh().contains("未知的列：颜色"),
            "{}",
            e.message_zh()
        );
        // A heading given twice is named as typed.
        let mut twice = zh_headers();
        twice.push("托育服务收入");
        let e = ClaimHeaders::new(&twice).unwrap_err();
        assert_eq!(e.path(), "托育服务收入");
        assert!(
            e.message_zh().contains("重复的列：托育服务收入"),
            "{}",
            e.message_zh()
        );
        // An English file's missing columns are named in English.
        let en: Vec<&str> = H.iter().copied().filter(|h| *h != "year").collect();
        let e = ClaimHeaders::new(&en).unwrap_err();
        assert!(
            e.message_zh().contains("缺少必需的列：year") && !e.message_zh().contains("所属年度"),
            "{}",
            e.message_zh()
        );
    }

    #[test]
    fn used_from_after_used_to_names_the_used_to_column() {
        let mut h = H.to_vec();
        h.extend(["property2_used_from", "property2_used_to"]);
        let mut f = row(&[]);
        f.extend(["2026-05-01", "2026-03-01"]);
        let e = claim_from_record(&h, &f).unwrap_err();
        assert_eq!(e.path(), "property2_used_to");
    }

    #[test]
    fn numbered_columns_fill_later_items() {
        let mut h = H.to_vec();
        h.extend(["property2_tenure", "property2_annual_rent"]);
        let mut f = row(&[]);
        f.extend(["leased", "240000"]);
        let c = claim_from_record(&h, &f).unwrap();
        assert_eq!(c.request.properties.len(), 2);
        assert_eq!(c.request.properties[1].tenure, Some(Tenure::Leased));
    }

    #[test]
    fn unknown_repeated_or_missing_headers_are_errors() {
        let mut h = H.to_vec();
        h.push("colour");
        let e = ClaimHeaders::new(&h).unwrap_err();
        assert_eq!(e.path(), "colour");
        let mut h = H.to_vec();
        h.push("year");
        assert_eq!(ClaimHeaders::new(&h).unwrap_err().path(), "year");
        let h: Vec<&str> = H.iter().copied().filter(|h| *h != "legal_form").collect();
        assert_eq!(ClaimHeaders::new(&h).unwrap_err().path(), "legal_form");
        // Every fault is named at once, without a command-line hint.
        let mut h: Vec<&str> = H.iter().copied().filter(|h| *h != "year").collect();
        h.extend(["colour", "size"]);
        let e = ClaimHeaders::new(&h).unwrap_err();
        assert!(
            e.message_en().contains("unknown columns: colour, size"),
            "{}",
            e.message_en()
        );
        assert!(
            e.message_en().contains("required columns missing: year"),
            "{}",
            e.message_en()
        );
        assert!(
            e.message_zh().contains("申报模板") && !e.message_en().contains("--help"),
            "{}",
            e.message_zh()
        );
        // A header row in Chinese has its columns named in Chinese: as typed, and the missing
        // ones by their Chinese names (the English name beside it in English).
        let e = ClaimHeaders::new(&["申报编号", "年度", "举办者类型", "机构名称", "机构名称"])
            .unwrap_err();
        let zh = e.message_zh();
        assert!(zh.contains("未知的列：年度"), "{zh}");
        assert!(zh.contains("重复的列：机构名称"), "{zh}");
        assert!(
            zh.contains("缺少必需的列：所属年度、是否依托社区、服务方式、是否已备案"),
            "{zh}"
        );
        assert!(
            e.message_en().contains(
                "required columns missing: 所属年度 (year), 是否依托社区 (community_based)"
            ),
            "{}",
            e.message_en()
        );
        // Thousands separators, as Excel shows amounts, read as the plain number.
        let plain = claim_from_record(H, &row(&[("childcare_revenue", "1200000")])).unwrap();
        let grouped = claim_from_record(H, &row(&[("childcare_revenue", "1,200,000")])).unwrap();
        assert_eq!(plain, grouped);
        assert!(claim_from_record(H, &row(&[("childcare_revenue", "1,20,000")])).is_err());
        // Chinese headers name the same columns.
        let zh: Vec<&str> = H
            .iter()
            .map(|n| {
                CLAIM_COLUMNS_ZH
                    .iter()
                    .find(|(_, en)| en == n)
                    .map_or(*n, |(zh, _)| *zh)
            })
            .collect();
        let c = claim_from_record(&zh, &row(&[])).unwrap();
        assert_eq!(c, claim_from_record(H, &row(&[])).unwrap());
        assert!(ClaimHeaders::new(&["id", "property1_tenure"]).is_err());
    }

    #[test]
    fn a_record_of_the_wrong_length_is_an_error() {
        let f = row(&[]);
        let e = claim_from_record(H, &f[..5]).unwrap_err();
        assert_eq!(e.path(), "");
        assert!(e.message_en().contains("5 fields"));
    }

    #[test]
    fn report_rows_match_the_header() {
        let c = claim_from_record(H, &row(&[("claimed_vat_exempt_sales", "2000000")])).unwrap();
        let mut r = verify_claim(&c);
        r.line = Some(7);
        let cells = report_row(&r);
        let header = report_header();
        assert_eq!(cells.len(), header.len());
        let get = |k: &str| cells[header.iter().position(|h| *h == k).unwrap()].as_str();
        assert_eq!(get("line"), "7");
        assert_eq!(get("verdict"), "over_claimed");
        assert_eq!(get("vat_exempt_sales_difference"), "940000.00");
        assert_eq!(get("over_claimed_amount"), "940000.00");
        assert_eq!(get("property_tax_exempt_claimed"), "");
        assert_eq!(get("error_path"), "");

        let e = claim_from_record(H, &row(&[("year", "x")])).unwrap_err();
        let r = Report::invalid(Some("c1".into()), &e, Some(3));
        let cells = report_row(&r);
        let get = |k: &str| cells[header.iter().position(|h| *h == k).unwrap()].as_str();
        assert_eq!(get("verdict"), "invalid_input");
        assert_eq!(get("error_path"), "year");
    }

    #[test]
    fn csv_lines_quote_what_needs_quoting() {
        assert_eq!(
            csv_line(&["a", "b,c", "say \"hi\"", ""]),
            "a,\"b,c\",\"say \"\"hi\"\"\",\n"
        );
    }

    #[test]
    fn the_filing_period_and_the_nursery_declaration_have_columns() {
        let mut h = H.to_vec();
        h.extend(["vat_period", "nursery_vat_law"]);
        let mut f = row(&[("childcare_revenue", "1200000")]);
        f.extend(["quarter", "true"]);
        let headers = ClaimHeaders::new(&h).unwrap();
        let c = headers.claim(&f).unwrap();
        let tp = c.request.taxpayer.as_ref().unwrap();
        assert_eq!(tp.vat_period, Some(VatPeriod::Quarter));
        assert_eq!(c.request.facility.nursery_vat_law, Some(true));
        let cells = headers.record(&c).unwrap();
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        assert_eq!(headers.claim(&cells).unwrap(), c);
        let mut bad = f.clone();
        let n = bad.len();
        bad[n - 2] = "yearly";
        assert_eq!(headers.claim(&bad).unwrap_err().path(), "vat_period");
    }

    #[test]
    fn records_written_from_a_claim_read_back_as_the_same_claim() {
        let mut h = H.to_vec();
        h.extend([
            "property2_tenure",
            "property2_annual_rent",
            "property2_used_from",
        ]);
        let mut f = row(&[("childcare_revenue", "1;2;3;4;5;6;7;8;9;10;11;12.5")]);
        f.extend(["leased", "240000", "2026-03-01"]);
        let headers = ClaimHeaders::new(&h).unwrap();
        let c = headers.claim(&f).unwrap();
        let cells = headers.record(&c).unwrap();
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        assert_eq!(headers.claim(&cells).unwrap(), c);
        // A third property has no columns here.
        let mut c3 = c.clone();
        c3.request.properties.push(Property::default());
        assert_eq!(
            headers.record(&c3).unwrap_err().path(),
            "request.properties[2]"
        );
    }

    #[test]
    fn every_column_is_documented_and_resolvable() {
        let names: Vec<&str> = CLAIM_COLUMNS.iter().map(|c| c.name).collect();
        let h = ClaimHeaders::new(&names).unwrap();
        assert_eq!(h.len(), CLAIM_COLUMNS.len());
        for c in CLAIM_COLUMNS {
            assert!(!c.en.is_empty() && !c.zh.is_empty());
        }
    }
}
