#include "cpplinkage_lib.h"
#include <vector>

struct cl_mesh { std::vector<float> positions; };

cl_mesh *cl_mesh_new(int vertices) { return new cl_mesh{std::vector<float>(static_cast<std::size_t>(vertices) * 3)}; }
int cl_mesh_vertices(const cl_mesh *mesh) { return static_cast<int>(mesh->positions.size() / 3); }
void cl_mesh_free(cl_mesh *mesh) { delete mesh; }

/* C++ linkage: its symbol is mangled. */
int cl_internal_count(int x) { return x + 1; }
