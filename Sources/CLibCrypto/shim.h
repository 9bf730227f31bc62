#ifndef AZURE_CLIBCRYPTO_SHIM_H
#define AZURE_CLIBCRYPTO_SHIM_H

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>

/* SHA-256 fetched once per process: OpenSSL 3 otherwise looks the algorithm up (under a lock)
   on every one-shot call, which costs more than hashing a SAS token. The state lives inside
   functions because Swift emits a header's inline functions, not its file-scope variables. */
static inline const EVP_MD **azure_sha256_slot(void) {
    static const EVP_MD *md;
    return &md;
}

static void azure_fetch_sha256(void) {
    const EVP_MD *md = NULL;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    md = EVP_MD_fetch(NULL, "SHA256", NULL);
#endif
    *azure_sha256_slot() = md != NULL ? md : EVP_sha256();
}

static inline const EVP_MD *azure_sha256(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, azure_fetch_sha256);
    return *azure_sha256_slot();
}

/* HMAC-SHA256 (RFC 2104) over libcrypto's SHA-256. Writes 32 bytes to `out`; returns 1 on
   success, 0 when libcrypto fails. */
static inline int azure_hmac_sha256(
    const unsigned char *key, size_t key_length,
    const unsigned char *message, size_t message_length,
    unsigned char *out
) {
    unsigned char block[64];
    unsigned char pad[64];
    unsigned char inner[32];
    unsigned int length = 0;
    int ok = 1;
    const EVP_MD *md;
    EVP_MD_CTX *context;

    md = azure_sha256();
    memset(block, 0, sizeof block);
    if (key_length > sizeof block) {
        ok = EVP_Digest(key, key_length, block, &length, md, NULL);
    } else if (key_length > 0) {
        memcpy(block, key, key_length);
    }
    context = EVP_MD_CTX_new();
    if (context == NULL) ok = 0;
    if (ok) {
        for (size_t i = 0; i < sizeof pad; i++) pad[i] = block[i] ^ 0x36;
        ok = EVP_DigestInit_ex(context, md, NULL)
            && EVP_DigestUpdate(context, pad, sizeof pad)
            && EVP_DigestUpdate(context, message, message_length)
            && EVP_DigestFinal_ex(context, inner, &length);
    }
    if (ok) {
        for (size_t i = 0; i < sizeof pad; i++) pad[i] = block[i] ^ 0x5c;
        ok = EVP_DigestInit_ex(context, md, NULL)
            && EVP_DigestUpdate(context, pad, sizeof pad)
            && EVP_DigestUpdate(context, inner, sizeof inner)
            && EVP_DigestFinal_ex(context, out, &length);
    }
    EVP_MD_CTX_free(context);
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(pad, sizeof pad);
    OPENSSL_cleanse(inner, sizeof inner);
    return ok;
}

#endif
