# The HTML part of the classify stage (included by src/classify/CMakeLists.txt).
target_sources(winnow_core PRIVATE html_region.cpp page_type.cpp)
