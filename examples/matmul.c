// matmul.c: dense single-precision matrix multiply, the classic "this loop is
// too slow in managed code" kernel.

#include <stddef.h>

// c = a * b for n x n matrices stored row-major (element (i, j) at i * n + j).
// c is overwritten and must not overlap a or b.
//
// The i-k-j loop order walks b and c along rows, so the inner loop reads and
// writes consecutive memory and vectorises; each c[i][j] still accumulates
// its products in k order, which keeps results reproducible.
void matmul_f32(const float* a, const float* b, float* c, size_t n)
{
    for (size_t i = 0; i < n * n; i++)
    {
        c[i] = 0.0f;
    }

    for (size_t i = 0; i < n; i++)
    {
        for (size_t k = 0; k < n; k++)
        {
            const float aik = a[i * n + k];
            for (size_t j = 0; j < n; j++)
            {
                c[i * n + j] += aik * b[k * n + j];
            }
        }
    }
}
