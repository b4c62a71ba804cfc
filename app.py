"""The dashboard: the frame around the registry's pages.

Every page runs inside this script (Streamlit's st.navigation), so a link to any page,
even as the first request to a fresh server, gets the filters and the banner.
"""

from components import frame, pages

frame.run(pages.navigation)
