/* Export shapes the dynamic symbol table distinguishes: plain, weak, protected, hidden, static, variables. */
int exports_plain(int a) { return a + 1; }
__attribute__((weak)) int exports_weak(int a) { return a + 2; }
__attribute__((visibility("protected"))) int exports_protected(int a) { return a + 3; }
__attribute__((visibility("hidden"))) int exports_hidden(int a) { return a + 4; }
static int exports_static(int a) { return a + 5; }
int exports_calls_static(int a) { return exports_static(a); }
int exports_counter = 7;
const char exports_name[] = "shapes";
__attribute__((visibility("hidden"))) int exports_hidden_counter = 9;
