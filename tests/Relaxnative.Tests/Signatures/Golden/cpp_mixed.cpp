#include <cstdint>
#include <string>
#include <vector>

namespace util {
int mangled_in_namespace(int a) { return a; }

class Widget {
public:
    int method(int x) { return x; }
    Widget() : _value(0) { }
private:
    int _value;
};
}

int Widget_free_method(int a) { return a; }

int util_member_def(int a);

template <typename T>
T maximum(T a, T b) { return a > b ? a : b; }

std::string name_of(int id) { return std::to_string(id); }

extern "C" {

// @async
int c_exported(int a, int b) { return a + b; }

const char* c_version(void) { return R"(raw { string "with" quotes)"; }

static int c_static(int a) { return a; }

}

extern "C" int64_t single_extern_c(int64_t x) { return x; }

extern "C" {
namespace inner {
int in_namespace_but_c(int a) { return a; }
}
}

int util::Widget::outside(int a) { return a; }

auto lambda = [](int x) { return x; };

extern "C++" {
int explicit_cpp(int a) { return a; }
}

extern "C" int32_t digit_separators(void) { return 1'000'000; }
