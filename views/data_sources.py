import pandas as pd
import streamlit as st

import ui
from observer.loading import limits as reading
from observer.describe import (ALIASES, PREVIEW_ROWS, download_data, fields_frame, preview, required_rule, schema_frame,
                               sources_of, table_status, template_csv)
from observer.package import contract
from observer.slides import statement_titles

pkg = ui.package()
L = ui.language()
st.title(L("common.page_data"))

# Which package is active, so nobody presents uploaded figures as the bundled ones (or the reverse).
name = ui.package_label(pkg, L)
counts = ", ".join(L("data.table_count", table=t, count=L.number(len(f))) for t, f in pkg.tables.items())
with st.container(border=True):
    st.markdown(f"**{ui.plain(L('data.active', name=name))}**")
    st.caption(ui.plain(L("data.active_counts", counts=counts)))
    if ui.is_uploaded():
        st.caption(L("data.uploaded_note"))
        st.button(L("data.back_to_started"), on_click=ui.use_started_package, key="back-to-started",
                  icon=":material/undo:")

st.subheader(L("data.upload_heading"))
st.caption(L("data.upload_help", required=required_rule(L)))
ui.uploader_in_language(L)
st.file_uploader(L("data.upload_label", size=reading.MAX_FILE_MB), type=["csv", "tsv", "txt", "xlsx", "zip", "json"],
                 accept_multiple_files=True, key="upload", on_change=ui.on_upload,
                 max_upload_size=reading.MAX_FILE_MB)
problems = st.session_state.get(ui.UPLOAD_PROBLEMS)
if problems:
    st.error(ui.plain(L("data.upload_failed", name=name)))
    st.caption(ui.plain(L("data.upload_failed_files", files=", ".join(st.session_state.get(ui.UPLOAD_NAMES, [])))))
    ui.problems_table(problems, L)
elif ui.is_uploaded() and st.session_state.get(ui.UPLOAD_NAMES):
    st.success(ui.plain(L("data.upload_ok", name=name)))

st.divider()
st.markdown(f"**{ui.plain(L.title(pkg.descriptor))}**")
st.markdown(ui.plain(L.described(pkg.descriptor, "description")))


def source_title(title: str) -> str:
    """A package source's title in the reader's language, where the descriptor gives one."""
    return L.source_titles.get(title, title)


SCHEMA_COLUMNS = ("column", "type", "unit", "title", "description", "required", "constraints")


def schema_table(frame) -> None:
    """A table's columns in words. st.table, not st.dataframe: it wraps long descriptions instead of cutting
    them off; its cells are markdown, so each is escaped to show exactly as written."""
    frame = frame.rename(columns={c: ui.plain(L(f"data.col_{c}")) for c in SCHEMA_COLUMNS})
    st.table(frame.map(ui.plain), hide_index=True)


# The package's sources, or its default citation (the fact source) when its datapackage.json names none.
for title in statement_titles(pkg, L):
    st.caption(ui.plain(L.source(title)))

for resource in pkg.descriptor["resources"]:
    table = resource["name"]
    frame = pkg.table(table)
    if frame is None:
        continue
    label = f"{ui.described(L, f'data.title_{table}', resource.get('title', table))} — {resource['path']} ({L('data.rows', count=L.number(len(frame)))})"
    with st.expander(ui.plain(label)):
        st.markdown(ui.plain(ui.described(L, f"data.description_{table}", resource.get("description", ""))))
        for source in sources_of(pkg, table):
            st.caption(ui.plain(L.source(source_title(source))))
        st.markdown(f"**{L('data.schema')}**")
        schema_table(schema_frame(pkg, table, L))
        st.markdown(f"**{L('data.rows_heading')}**")
        if len(frame) > PREVIEW_ROWS:
            st.caption(L("data.rows_preview", shown=L.number(PREVIEW_ROWS), count=L.number(len(frame))))
        # Dates as the files write them (2021-01-10), not as midnight timestamps.
        dates = {c: st.column_config.DateColumn(c, format="YYYY-MM-DD") for c in frame.columns
                 if pd.api.types.is_datetime64_any_dtype(frame[c])}
        st.dataframe(preview(frame), hide_index=True, column_config=dates)
        st.download_button(L("data.download_csv"), download_data(pkg.as_in_file(table)), file_name=resource["path"],
                           mime="text/csv", key=f"download-{table}", on_click="ignore")

st.subheader(L("data.templates_heading"))
st.caption(L("data.templates_help"))
for resource in contract()["resources"]:
    table = resource["name"]
    status = table_status(table, L)
    title = ui.described(L, f"data.title_{table}", resource.get("title", table))
    with st.expander(ui.plain(L("data.template_label", title=title, file=f"{table}.csv", status=status))):
        st.markdown(ui.plain(ui.described(L, f"data.description_{table}", resource.get("description", ""))))
        schema_table(fields_frame([f for f in resource["schema"]["fields"] if f["name"] not in ALIASES], L))
        st.download_button(L("data.download_template", file=f"{table}.csv"), template_csv(table),
                           file_name=f"{table}.csv", mime="text/csv", key=f"template-{table}")
