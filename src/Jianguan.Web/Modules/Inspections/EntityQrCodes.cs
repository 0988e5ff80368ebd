using QRCoder;

namespace Jianguan.Web.Modules.Inspections;

/// <summary>
/// 扫码入企: each entity's printable QR code. It holds the address of the entity in the phone app, so an officer who
/// scans it at the door lands on the entity, with its tasks when they are on the phone.
/// </summary>
public static class EntityQrCodes
{
    public static string Link(HttpRequest request, string creditCode) => $"{request.Scheme}://{request.Host}/m/#/entity/{Uri.EscapeDataString(creditCode)}";

    /// <summary>The code as an SVG drawing (sharp at any print size), quartile error correction for a worn sticker.</summary>
    public static string Svg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(8);
    }
}
