import streamlit as st

import ui
from observer.describe import schema_frame, sources_of
from observer.export import csv_bytes

pkg = ui.package()
L = ui.language()
st.title(L("common.page_data"))
st.markdown(f"**{pkg.descriptor.get('title', '')}**")
st.write(pkg.descriptor.get("description", ""))
for source in pkg.descriptor.get("sources", []):
    st.caption(L.source(source.get("title", "")))

for resource in pkg.descriptor["resources"]:
    name = resource["name"]
    frame = pkg.table(name)
    if frame is None:
        continue
    with st.expander(f"{resource.get('title', name)} — {resource['path']} ({L('data.rows', count=L.number(len(frame)))})"):
        st.write(resource.get("description", ""))
        for source in sources_of(pkg, name):
            st.caption(L.source(source))
        st.markdown(f"**{L('data.schema')}**")
        st.dataframe(schema_frame(pkg, name), hide_index=True)
        st.markdown(f"**{L('data.rows_heading')}**")
        st.dataframe(frame, hide_index=True)
        st.download_button(L("data.download_csv"), csv_bytes(frame), file_name=resource["path"],
                           mime="text/csv", key=f"download-{name}")
