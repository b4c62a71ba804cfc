"""How the app is served: its Streamlit processes, started one way for production, the
tests and the benchmarks alike."""
