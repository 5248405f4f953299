package net.aisj.connector.ec;

import java.util.Arrays;

/**
 * An immutable matrix over GF(2^8), just what a Reed-Solomon coder needs: Vandermonde and identity matrices,
 * products, row selection and inversion by Gauss-Jordan elimination. Entries are ints in [0, 255].
 */
final class GfMatrix {

    private final int[][] m;

    private GfMatrix(int[][] m) {
        this.m = m;
    }

    static GfMatrix of(int[][] rows) {
        int cols = rows[0].length;
        int[][] copy = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException(
                        "ragged matrix: row " + r + " has " + rows[r].length + " columns, not " + cols);
            }
            copy[r] = rows[r].clone();
        }
        return new GfMatrix(copy);
    }

    static GfMatrix identity(int n) {
        int[][] m = new int[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return new GfMatrix(m);
    }

    /** Row r is (r^0, r^1, ..., r^(cols-1)): any {@code cols} of its rows are linearly independent (rows <= 256). */
    static GfMatrix vandermonde(int rows, int cols) {
        int[][] m = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = Galois.pow(r, c);
            }
        }
        return new GfMatrix(m);
    }

    int rows() {
        return m.length;
    }

    int cols() {
        return m[0].length;
    }

    int get(int r, int c) {
        return m[r][c];
    }

    GfMatrix times(GfMatrix o) {
        if (cols() != o.rows()) {
            throw new IllegalArgumentException(
                    "cannot multiply " + rows() + "x" + cols() + " by " + o.rows() + "x" + o.cols());
        }
        int[][] p = new int[rows()][o.cols()];
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < o.cols(); c++) {
                int acc = 0;
                for (int k = 0; k < cols(); k++) {
                    acc ^= Galois.mul(m[r][k], o.m[k][c]);
                }
                p[r][c] = acc;
            }
        }
        return new GfMatrix(p);
    }

    /** The matrix made of the given rows, in the given order. */
    GfMatrix selectRows(int... rows) {
        int[][] s = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            s[i] = m[rows[i]].clone();
        }
        return new GfMatrix(s);
    }

    /**
     * The inverse, by Gauss-Jordan elimination on [this | I].
     *
     * @throws IllegalArgumentException when the matrix is not square or is singular
     */
    GfMatrix inverse() {
        int n = rows();
        if (cols() != n) {
            throw new IllegalArgumentException("only a square matrix has an inverse, not " + n + "x" + cols());
        }
        int[][] a = new int[n][];
        int[][] inv = identity(n).m;
        for (int r = 0; r < n; r++) {
            a[r] = m[r].clone();
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && a[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                throw new IllegalArgumentException("singular matrix (no pivot in column " + col + ")");
            }
            swap(a, col, pivot);
            swap(inv, col, pivot);
            int scale = Galois.inverse(a[col][col]);
            scaleRow(a[col], scale);
            scaleRow(inv[col], scale);
            for (int r = 0; r < n; r++) {
                int f = a[r][col];
                if (r != col && f != 0) {
                    subtractScaled(a[r], a[col], f);
                    subtractScaled(inv[r], inv[col], f);
                }
            }
        }
        return new GfMatrix(inv);
    }

    /** Row r as bytes, the form the coding loops read coefficients from. */
    byte[] rowBytes(int r) {
        byte[] b = new byte[cols()];
        for (int c = 0; c < b.length; c++) {
            b[c] = (byte) m[r][c];
        }
        return b;
    }

    private static void swap(int[][] a, int i, int j) {
        int[] t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static void scaleRow(int[] row, int f) {
        for (int c = 0; c < row.length; c++) {
            row[c] = Galois.mul(row[c], f);
        }
    }

    private static void subtractScaled(int[] target, int[] src, int f) {
        for (int c = 0; c < target.length; c++) {
            target[c] ^= Galois.mul(src[c], f);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GfMatrix g && Arrays.deepEquals(m, g.m);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int[] row : m) {
            sb.append(Arrays.toString(row)).append('\n');
        }
        return sb.toString();
    }
}
