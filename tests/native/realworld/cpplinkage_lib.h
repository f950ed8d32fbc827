/* A C++ library with a C API: the header gives C linkage, the .cpp defines the functions without repeating it. */
#ifndef CPPLINKAGE_LIB_H
#define CPPLINKAGE_LIB_H
#ifdef __cplusplus
extern "C" {
#endif
typedef struct cl_mesh cl_mesh;
cl_mesh *cl_mesh_new(int vertices);
int cl_mesh_vertices(const cl_mesh *mesh);
void cl_mesh_free(cl_mesh *mesh);
#ifdef __cplusplus
}
#endif
#endif
