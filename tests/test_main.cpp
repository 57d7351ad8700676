// Catch2's main for the winnow test executable.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
