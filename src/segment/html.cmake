# The HTML path of the segment stage (included by src/segment/CMakeLists.txt).
target_sources(winnow_core PRIVATE html.cpp html_prepass.cpp html_metadata.cpp)
