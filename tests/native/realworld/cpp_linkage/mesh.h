#ifndef MESH_H
#define MESH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mesh_t mesh_t;

mesh_t *mesh_create(size_t vertex_count);
void mesh_destroy(mesh_t *mesh);
size_t mesh_vertex_count(const mesh_t *mesh);
double mesh_area_of_unit_grid(int n);
int mesh_version(void);

#ifdef __cplusplus
}
#endif

#endif
