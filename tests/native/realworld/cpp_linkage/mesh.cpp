#include "mesh.h"

#include <vector>

struct mesh_t {
    std::vector<double> vertices;
};

namespace mesh_detail {
double cell_area(double side) { return side * side; }
}

// C++ only: not declared with C linkage, so its symbol is mangled.
double mesh_cpp_only(const std::vector<double> &values)
{
    return values.empty() ? 0.0 : values[0];
}

mesh_t *mesh_create(size_t vertex_count)
{
    mesh_t *mesh = new mesh_t;
    mesh->vertices.resize(vertex_count * 3);
    return mesh;
}

void mesh_destroy(mesh_t *mesh)
{
    delete mesh;
}

size_t mesh_vertex_count(const mesh_t *mesh)
{
    return mesh->vertices.size() / 3;
}

double mesh_area_of_unit_grid(int n)
{
    double total = 0;
    for (int i = 0; i < n * n; i++) {
        total += mesh_detail::cell_area(1.0);
    }
    return total;
}

int mesh_version(void)
{
    return 3;
}
