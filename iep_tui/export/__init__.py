"""Word letters and plain-text email bodies built from one view of a case.

- `letter`: a document as a small structure of blocks (`Letter`, `Para`, `Table` ...).
- `docx_layout.render_docx(letter) -> bytes` and `text_layout.render_text(letter) -> str`:
  the two renderings; every layout decision lives there, once.
- `letter_parts`: content the letters share (people, "Re:" line, tables, exhibits A-D).
- `letters/<kind>.py`: one short `build(view) -> Letter` per document kind;
  `letters.KINDS`, `letters.build_letter(kind, view)`.
- `binder.build_binder(view, case_document)`: the zip for an investigator.
- `sanitize`: text Word can hold, safe file names, never-overwrite writes.
- `formatting`: how dates, minutes and roles read.

python-docx is imported only inside `docx_layout`'s functions. Front ends call
`iep_tui.services.export_service`, not this package directly.
"""
